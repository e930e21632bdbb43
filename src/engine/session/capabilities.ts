import { chooseBackend, probeBackends, type BackendChoice, type BackendInfo, type ModelNeeds } from '../backends';
import { session as say } from '../messages';

/** Models whose `auto` choice the capabilities page explains: tiny, the CIFAR-10 MLP, a convolutional network. */
const MODELS: { name: (params: number) => string; needs: ModelNeeds }[] = [
  { name: say.capabilityModels.tiny, needs: { params: 3, convolution: false } },
  { name: say.capabilityModels.mlp, needs: { params: 6_305_802, convolution: false } },
  { name: say.capabilityModels.efficientnet, needs: { params: 4_049_571, convolution: true } },
];

/** What this browser offers, and what `auto` would pick for each of those models. */
export async function capabilities(): Promise<{ backends: BackendInfo[]; choices: { model: string; choice: BackendChoice }[] }> {
  const backends = await probeBackends();
  return {
    backends,
    choices: MODELS.map(({ name, needs }) => ({ model: name(needs.params), choice: chooseBackend('auto', backends, needs) })),
  };
}
