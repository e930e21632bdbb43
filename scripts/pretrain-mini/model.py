"""EfficientNet without its top, layer for layer as src/engine/efficientnet/build.ts builds it.

Same names (Keras's), same explicit asymmetric padding before stride-2 convolutions, the same
in-model preprocessing and the same initialisation, so exported weights drop into the tfjs
model unchanged and a fresh model here is the "random base" the browser compares against.
"""
import math
import re
from pathlib import Path

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

ROOT = Path(__file__).resolve().parents[2]

# (kernel, repeats, filters in, filters out, expand ratio, strides): config.ts's BASELINE_STAGES.
BASELINE_STAGES = [
    (3, 1, 32, 16, 1, 1),
    (3, 2, 16, 24, 6, 2),
    (5, 2, 24, 40, 6, 2),
    (3, 3, 40, 80, 6, 2),
    (5, 3, 80, 112, 6, 1),
    (5, 4, 112, 192, 6, 2),
    (3, 1, 192, 320, 6, 1),
]
SE_RATIO = 0.25
DROP_CONNECT_RATE = 0.2
IMAGENET_MEAN = [0.485, 0.456, 0.406]
IMAGENET_STDDEV = [0.229, 0.224, 0.225]
# Keras's BatchNormalization: epsilon 1e-3, moving average keeps 0.99 of the old value.
BN_EPS = 1e-3
BN_MOMENTUM = 0.01


def mini_variant():
    """MINI_VARIANT read from mini.ts, so the TypeScript file stays the one source of truth."""
    text = (ROOT / 'src/engine/efficientnet/mini.ts').read_text()
    block = re.search(r'MINI_VARIANT[^{]*\{([^}]*)\}', text).group(1)
    value = lambda key: float(re.search(rf'{key}:\s*([\d.]+)', block).group(1))
    return {k: value(k) for k in ('widthCoefficient', 'depthCoefficient', 'resolution', 'dropout')}


def round_filters(filters, width):
    scaled = filters * width
    rounded = max(8, math.floor((scaled + 4) / 8) * 8)
    return rounded + 8 if rounded < 0.9 * scaled else rounded


def round_repeats(repeats, depth):
    return math.ceil(depth * repeats)


def swish(x):
    return x * torch.sigmoid(x)


def bn(channels):
    return nn.BatchNorm2d(channels, eps=BN_EPS, momentum=BN_MOMENTUM)


def pad_for_stride2(x, kernel):
    """Keras's correct_pad: less padding on top/left when the side is even, as TF's 'same'."""
    h, w = x.shape[2], x.shape[3]
    half = kernel // 2
    return F.pad(x, (half - (1 - w % 2), half, half - (1 - h % 2), half))


def drop_path(x, rate, training):
    """Keras's Dropout with noise_shape (None, 1, 1, 1): drops whole samples, rescales the rest."""
    if not training or rate == 0:
        return x
    keep = (torch.rand(x.shape[0], 1, 1, 1, device=x.device) >= rate).to(x.dtype)
    return x * keep / (1 - rate)


class MBConv(nn.Module):
    def __init__(self, name, filters_in, filters_out, kernel, strides, expand_ratio, drop_rate):
        super().__init__()
        self.name, self.kernel, self.strides, self.drop_rate = name, kernel, strides, drop_rate
        filters = filters_in * expand_ratio
        self.expand = expand_ratio != 1
        if self.expand:
            self.expand_conv = nn.Conv2d(filters_in, filters, 1, bias=False)
            self.expand_bn = bn(filters)
        self.dwconv = nn.Conv2d(filters, filters, kernel, stride=strides, groups=filters, bias=False,
                                padding=0 if strides == 2 else kernel // 2)
        self.bn = bn(filters)
        filters_se = max(1, int(filters_in * SE_RATIO))
        self.se_reduce = nn.Conv2d(filters, filters_se, 1)
        self.se_expand = nn.Conv2d(filters_se, filters, 1)
        self.project_conv = nn.Conv2d(filters, filters_out, 1, bias=False)
        self.project_bn = bn(filters_out)
        self.residual = strides == 1 and filters_in == filters_out

    def forward(self, inputs):
        x = inputs
        if self.expand:
            x = swish(self.expand_bn(self.expand_conv(x)))
        if self.strides == 2:
            x = pad_for_stride2(x, self.kernel)
        x = swish(self.bn(self.dwconv(x)))
        se = x.mean(dim=(2, 3), keepdim=True)
        se = torch.sigmoid(self.se_expand(swish(self.se_reduce(se))))
        x = self.project_bn(self.project_conv(x * se))
        if self.residual:
            x = drop_path(x, self.drop_rate, self.training) + inputs
        return x

    def keras_layers(self):
        p = self.name
        layers = [(f'{p}expand_conv', self.expand_conv), (f'{p}expand_bn', self.expand_bn)] if self.expand else []
        return layers + [
            (f'{p}dwconv', self.dwconv), (f'{p}bn', self.bn),
            (f'{p}se_reduce', self.se_reduce), (f'{p}se_expand', self.se_expand),
            (f'{p}project_conv', self.project_conv), (f'{p}project_bn', self.project_bn),
        ]


class EfficientNetBase(nn.Module):
    """Takes 0–255 RGB pixels (NCHW), returns the last feature map (top_activation)."""

    def __init__(self, width, depth):
        super().__init__()
        self.register_buffer('mean', torch.tensor(IMAGENET_MEAN).view(1, 3, 1, 1))
        self.register_buffer('variance', torch.tensor(IMAGENET_STDDEV).view(1, 3, 1, 1))
        self.stem_conv = nn.Conv2d(3, round_filters(32, width), 3, stride=2, bias=False)
        self.stem_bn = bn(round_filters(32, width))
        total = sum(round_repeats(s[1], depth) for s in BASELINE_STAGES)
        blocks, index = [], 0
        for i, (kernel, repeats, f_in, f_out, expand, strides) in enumerate(BASELINE_STAGES):
            out = round_filters(f_out, width)
            for j in range(round_repeats(repeats, depth)):
                blocks.append(MBConv(f'block{i + 1}{chr(97 + j)}_', round_filters(f_in, width) if j == 0 else out, out,
                                     kernel, strides if j == 0 else 1, expand, DROP_CONNECT_RATE * index / total))
                index += 1
        self.blocks = nn.ModuleList(blocks)
        self.top_conv = nn.Conv2d(round_filters(320, width), round_filters(1280, width), 1, bias=False)
        self.top_bn = bn(round_filters(1280, width))
        self.features = round_filters(1280, width)
        keras_init(self)

    def forward(self, x):
        # rescaling → Normalization (divides by √variance) → rescaling_1 (× 1/√σ): exactly the TS ops.
        x = x / 255
        x = (x - self.mean) / torch.clamp(torch.sqrt(self.variance), min=1e-7)
        x = x * (1 / torch.sqrt(self.variance))
        x = swish(self.stem_bn(self.stem_conv(pad_for_stride2(x, 3))))
        for block in self.blocks:
            x = block(x)
        return swish(self.top_bn(self.top_conv(x)))

    def keras_layers(self):
        """(Keras layer name, module) in network order."""
        layers = [('stem_conv', self.stem_conv), ('stem_bn', self.stem_bn)]
        for block in self.blocks:
            layers += block.keras_layers()
        return layers + [('top_conv', self.top_conv), ('top_bn', self.top_bn)]


def keras_init(model):
    """tfjs's varianceScaling(scale 2, fanOut, truncatedNormal) for kernels, zeros for biases."""
    for module in model.modules():
        if isinstance(module, nn.Conv2d):
            kh, kw = module.kernel_size
            # A depthwise kernel [kh, kw, C, 1] fans out to kh·kw; a conv's to kh·kw·filters.
            fan_out = kh * kw * (1 if module.groups > 1 else module.out_channels)
            std = math.sqrt(2 / fan_out) / 0.87962566103423978
            nn.init.trunc_normal_(module.weight, std=std, a=-2 * std, b=2 * std)
            if module.bias is not None:
                nn.init.zeros_(module.bias)


def keras_weights(model):
    """{layer: [(weight name, numpy array in Keras's layout)]}, in the builder's order."""
    # Normalization's `count` only exists so Keras's files map one to one; the builder leaves it 0.
    out = {'normalization': [('mean', model.mean.flatten().numpy()), ('variance', model.variance.flatten().numpy()),
                             ('count', np.zeros((), dtype=np.float32))]}
    for name, module in model.keras_layers():
        if isinstance(module, nn.BatchNorm2d):
            out[name] = [('gamma', module.weight), ('beta', module.bias),
                         ('moving_mean', module.running_mean), ('moving_variance', module.running_var)]
        elif module.groups > 1:
            # Depthwise: PyTorch [C, 1, kh, kw] → Keras [kh, kw, C, 1].
            out[name] = [('depthwise_kernel', module.weight.permute(2, 3, 0, 1))]
        else:
            # PyTorch OIHW → Keras HWIO.
            out[name] = [('kernel', module.weight.permute(2, 3, 1, 0))]
            if module.bias is not None:
                out[name].append(('bias', module.bias))
        out[name] = [(w, t.detach().cpu().contiguous().numpy()) for w, t in out[name]]
    return out
