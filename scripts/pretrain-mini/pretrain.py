#!/usr/bin/env python3
"""Pretrains the offline base ("EfficientNet mini") and writes it for the site.

    python3 scripts/pretrain-mini/pretrain.py [--epochs 25] [--threads 1]

1. Trains MINI_VARIANT (src/engine/efficientnet/mini.ts) with a 6-way linear head on the six
   CIFAR-10 classes the transfer task does not use (MINI_PRETRAIN_CLASSES).
2. Hands the base's weights (not the head) to export.mjs, which builds the same model with the
   TypeScript builder, checks that tfjs gives PyTorch's outputs, and writes
   public/models/efficientnet-mini/ plus the reference file mini.test.ts checks forever.
3. Measures transfer on bird/cat/deer/dog with measure.py: the notebook's head on frozen
   pretrained features versus on randomly initialised bases (results.json beside this file).
Needs Debian's python3-torch, python3-numpy, python3-pil and CIFAR-10 (`npm run data`).
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import torch_env  # noqa: E402,F401  (before torch)

import argparse
import json
import subprocess
import tempfile
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from data import augment, load, subset  # noqa: E402
from model import ROOT, EfficientNetBase, keras_weights, mini_variant  # noqa: E402
import measure  # noqa: E402
from transfer import features  # noqa: E402

PRETRAIN_CLASSES = [0, 1, 6, 7, 8, 9]  # MINI_PRETRAIN_CLASSES
TRANSFER_CLASSES = measure.TRANSFER_CLASSES
HERE = Path(__file__).parent


def pretrain(base, dropout, train, test, epochs, batch=128, seed=0):
    """Supervised on the six classes, plus predicting how half the batch was rotated (0, 90, 180
    or 270°): with labels alone the top layers learn only what tells those six classes apart,
    and their features transferred worse to the four new classes than the early blocks' did.
    The self-supervised task keeps shape and orientation in the features (Gidaris et al. 2019)."""
    images, labels = train
    classifier = nn.Sequential(nn.Dropout(dropout), nn.Linear(base.features, len(PRETRAIN_CLASSES)))
    rotation = nn.Linear(base.features, 4)
    params = list(base.parameters()) + list(classifier.parameters()) + list(rotation.parameters())
    optimizer = torch.optim.AdamW(params, lr=3e-3, weight_decay=0.05)
    steps = epochs * (len(images) // batch)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=3e-3, total_steps=steps, pct_start=0.15)
    generator = torch.Generator().manual_seed(seed)
    base.to(memory_format=torch.channels_last)  # oneDNN's fast path: several times faster on the CPU
    for epoch in range(epochs):
        base.train()
        classifier.train()
        rotation.train()
        start, seen, correct = time.time(), 0, 0
        order = torch.randperm(len(images), generator=generator)
        for i in range(0, len(order) - batch + 1, batch):
            idx = order[i:i + batch]
            x = augment(images[idx].float(), generator)
            turns = torch.randint(0, 4, (batch // 2,), generator=generator)
            rotated = torch.stack([torch.rot90(x[j], int(k), (1, 2)) for j, k in enumerate(turns)])
            pooled = base(torch.cat([x, rotated]).contiguous(memory_format=torch.channels_last)).mean(dim=(2, 3))
            logits = classifier(pooled[:batch])
            loss = F.cross_entropy(logits, labels[idx], label_smoothing=0.1) + F.cross_entropy(rotation(pooled[batch:]), turns)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            schedule.step()
            seen += len(idx)
            correct += (logits.argmax(1) == labels[idx]).sum().item()
        accuracy = evaluate(base, classifier, *test)
        print(f'época {epoch + 1}/{epochs}: entrenamiento {correct / seen:.3f}, prueba {accuracy:.3f} '
              f'({time.time() - start:.0f} s)', flush=True)
    return accuracy


@torch.no_grad()
def evaluate(base, classifier, images, labels):
    base.eval()
    classifier.eval()
    logits = classifier(features(base, images))
    return (logits.argmax(1) == labels).float().mean().item()


def write_weights(base, folder):
    """Keras-layout float32 values in one file and, per layer, where each weight lies."""
    layers, offset, chunks = {}, 0, []
    for layer, weights in keras_weights(base).items():
        layers[layer] = []
        for name, values in weights:
            values = np.array(values, dtype=np.float32, order='C')  # ascontiguousarray would make a scalar 1-d
            layers[layer].append({'name': name, 'shape': list(values.shape), 'offset': offset})
            chunks.append(values.tobytes())
            offset += values.nbytes
    (folder / 'weights.bin').write_bytes(b''.join(chunks))
    return layers


@torch.no_grad()
def reference(base, test_images):
    """One real test image of each transfer class and one of uniform noise, with their features."""
    picks = torch.cat([torch.nonzero(test_images[1] == c).flatten()[:1] for c in TRANSFER_CLASSES])
    noise = torch.randint(0, 256, (1, 3, 32, 32), generator=torch.Generator().manual_seed(3), dtype=torch.uint8)
    inputs = torch.cat([test_images[0][picks], noise])
    return inputs.permute(0, 2, 3, 1).contiguous(), features(base, inputs)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--epochs', type=int, default=25)
    parser.add_argument('--threads', type=int, default=1, help='1 rinde más en una CPU compartida')
    parser.add_argument('--transfer-epochs', type=int, default=20)
    parser.add_argument('--limit', type=int, default=None, help='imágenes por clase (solo para probar el script)')
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    started = time.time()

    variant = mini_variant()
    if variant['resolution'] != 32:
        raise SystemExit('Este script entrena a 32×32, la resolución nativa de CIFAR-10.')
    train_all, test_all = load('train'), load('test')
    train = subset(*train_all, PRETRAIN_CLASSES, args.limit)
    test = subset(*test_all, PRETRAIN_CLASSES)
    base = EfficientNetBase(variant['widthCoefficient'], variant['depthCoefficient'])
    print(f'Preentrenando EfficientNet mini ({sum(p.numel() for p in base.parameters()):,} parámetros entrenables) '
          f'en {len(train[0])} imágenes de 6 clases, {args.epochs} épocas, {args.threads} hilos.', flush=True)
    accuracy = pretrain(base, variant['dropout'], train, test, args.epochs)
    pretrain_seconds = time.time() - started

    results = {
        'variant': variant,
        'pretrainClasses': PRETRAIN_CLASSES,
        'pretrainImages': len(train[0]),
        'pretrainEpochs': args.epochs,
        'pretrainTestAccuracy': round(accuracy, 4),
        'pretrainSeconds': round(pretrain_seconds),
        'threads': args.threads,
    }
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        inputs, outputs = reference(base, test_all)
        (folder / 'weights.json').write_text(json.dumps({
            'layers': write_weights(base, folder),
            'reference': {'shape': list(inputs.shape), 'inputs': inputs.flatten().tolist(),
                          'features': outputs.tolist()},
            'metadata': results,
        }))
        subprocess.run(['node', str(HERE / 'export.mjs'), tmp], cwd=ROOT, check=True)
        results['parity'] = json.loads((folder / 'parity.json').read_text())
    results['totalSeconds'] = round(time.time() - started)
    (HERE / 'results.json').write_text(json.dumps(results, indent=2) + '\n')
    print(f'Preentrenada y exportada en {results["totalSeconds"]} s.', flush=True)
    # From the files just written: this also checks they read back into PyTorch.
    measure.main(args.threads, args.transfer_epochs)


if __name__ == '__main__':
    main()
