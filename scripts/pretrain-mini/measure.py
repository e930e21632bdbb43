#!/usr/bin/env python3
"""Measures transfer with the committed mini weights, no pretraining needed (about a minute).

    python3 scripts/pretrain-mini/measure.py

Reads public/models/efficientnet-mini/ back into PyTorch (Keras layouts → PyTorch's) and trains
the notebook's head on bird/cat/deer/dog over three frozen bases: the pretrained mini, a random
base as the builder makes it (its features near zero) and the same random base with
BatchNormalization statistics measured on the data (the browser's control).
Writes the numbers into results.json under "transfer".
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import torch_env  # noqa: E402,F401  (before torch)

import json
import time

import numpy as np
import torch
import torch.nn as nn

from data import load, subset  # noqa: E402
from model import ROOT, EfficientNetBase, mini_variant  # noqa: E402
from transfer import measure_transfer, recalibrated  # noqa: E402

HERE = Path(__file__).parent
WEIGHTS = ROOT / 'public/models/efficientnet-mini'
TRANSFER_CLASSES = [2, 3, 4, 5]  # bird, cat, deer, dog
SIZES = [100, 500, 5000]  # images per class


def load_committed():
    """The base with the weights the site serves."""
    variant = mini_variant()
    base = EfficientNetBase(variant['widthCoefficient'], variant['depthCoefficient'])
    manifest = json.loads((WEIGHTS / 'model.json').read_text())['weightsManifest']
    data = b''.join((WEIGHTS / p).read_bytes() for group in manifest for p in group['paths'])
    modules = dict(base.keras_layers())
    offset = 0
    for spec in (w for group in manifest for w in group['weights']):
        assert 'quantization' not in spec, 'measure.py reads float32 weights only'
        size = int(np.prod(spec['shape']))
        values = torch.from_numpy(np.frombuffer(data, dtype=np.float32 if spec['dtype'] == 'float32' else np.int32,
                                                count=size, offset=offset).copy()).reshape(spec['shape'])
        offset += 4 * size
        layer, weight = spec['name'].split('/')
        if layer == 'normalization':
            continue  # constants, the same in both definitions
        module = modules[layer]
        target = {
            'kernel': lambda: module.weight, 'depthwise_kernel': lambda: module.weight, 'bias': lambda: module.bias,
            'gamma': lambda: module.weight, 'beta': lambda: module.bias,
            'moving_mean': lambda: module.running_mean, 'moving_variance': lambda: module.running_var,
        }[weight]()
        if weight == 'kernel':
            values = values.permute(3, 2, 0, 1)  # Keras HWIO → PyTorch OIHW
        elif weight == 'depthwise_kernel':
            values = values.permute(2, 3, 0, 1)  # Keras [kh, kw, C, 1] → PyTorch [C, 1, kh, kw]
        with torch.no_grad():
            target.copy_(values)
    assert offset == len(data)
    return base


def transfer_bases(pretrained, calibration_images):
    """The three frozen bases, the random one seeded so every run compares against the same."""
    variant = mini_variant()
    torch.manual_seed(1)
    random_base = EfficientNetBase(variant['widthCoefficient'], variant['depthCoefficient'])
    return {
        'pretrained': pretrained,
        'random': random_base,
        'randomRecalibrated': recalibrated(random_base, calibration_images),
    }


def main(threads=1, epochs=20):
    torch.set_num_threads(threads)
    started = time.time()
    train = subset(*load('train'), TRANSFER_CLASSES)
    test = subset(*load('test'), TRANSFER_CLASSES)
    bases = transfer_bases(load_committed(), train[0][torch.randperm(len(train[0]), generator=torch.Generator().manual_seed(2))[:2000]])
    transfer = measure_transfer(bases, train, test, SIZES, epochs)
    path = HERE / 'results.json'
    results = json.loads(path.read_text()) if path.exists() else {}
    results.update({'transferClasses': TRANSFER_CLASSES, 'transfer': transfer})
    path.write_text(json.dumps(results, indent=2) + '\n')
    print(f'Medido en {time.time() - started:.0f} s; resultados en {path.relative_to(ROOT)}.')


if __name__ == '__main__':
    main()
