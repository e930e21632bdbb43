#!/usr/bin/env python3
"""The transfer lab's two phases in PyTorch, on the committed mini weights: does unfreezing pay?

    python3 scripts/pretrain-mini/finetune.py --per-class 100 --blocks 2 --lr2 1e-5 --epochs2 5 --seeds 1 2 3

As the browser runs them (src/engine/transfer/): the first `per-class` training images of
each class in file order (bird, cat, deer, dog), the notebook's head (Adam 1e-3, batches of 32)
on the frozen base's pooled features for `epochs` epochs, then the top `blocks` blocks unfrozen
(BatchNormalization in inference mode and frozen, stochastic depth off), a fresh Adam at `lr2`
for `epochs2` epochs, the head going on from phase 1. Judged on the 4.000 test images of the
four classes, and on the first 100 of each (the browser's default validation set).

`--augment p2` augments the training images in phase 2 (the frozen part recomputed for each
batch), `both` in phase 1 too (the pooled features recomputed every epoch): horizontal flip,
shift ±10 %, rotation ±5 % of a turn, zoom ±10 %, reflected borders, bilinear, as the lab's
switches. Every run also continues the head alone for `epochs2` epochs at `lr2` with the same
augmentation (the control: is it the unfreezing, or just more epochs?).

Prints one JSON line per run; `--save` adds the runs to results.json under "fineTune".
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import torch_env  # noqa: E402,F401  (before torch)

import argparse
import json
import math
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

from data import load, subset  # noqa: E402
from measure import TRANSFER_CLASSES, load_committed  # noqa: E402
from model import pad_for_stride2, swish  # noqa: E402
from transfer import head  # noqa: E402

HERE = Path(__file__).parent
BATCH = 32
BROWSER_VALIDATION = 100  # per class: the lab's default `val`
AUGMENT = {'flip': True, 'shift': 0.1, 'rotate': 0.05, 'zoom': 0.1}


class _Stem(nn.Module):
    def __init__(self, base):
        super().__init__()
        self.base_ref = [base]  # a list: not a submodule, so modules() lists only the stem's own
        self.conv, self.bn = base.stem_conv, base.stem_bn

    def forward(self, x):
        base = self.base_ref[0]
        x = x / 255
        x = (x - base.mean) / torch.clamp(torch.sqrt(base.variance), min=1e-7)
        x = x * (1 / torch.sqrt(base.variance))
        return swish(self.bn(self.conv(pad_for_stride2(x, 3))))


class _Top(nn.Module):
    def __init__(self, base):
        super().__init__()
        self.conv, self.bn = base.top_conv, base.top_bn

    def forward(self, x):
        return swish(self.bn(self.conv(x)))


def units(base):
    """The browser's units of freezing, from the input side: stem, block1a, …, top."""
    return [_Stem(base), *base.blocks, _Top(base)]


def run_units(parts, x, start, end):
    for unit in parts[start:end]:
        x = unit(x)
    return x


def augment(images, generator):
    """Flip, then shift, rotation and zoom per image, one affine resampling with reflected borders."""
    n = images.shape[0]
    x = images.float()
    flip = torch.rand(n, generator=generator) <= 0.5
    x = torch.where(flip.view(n, 1, 1, 1), x.flip(3), x)
    u = lambda f: (torch.rand(n, generator=generator) * 2 - 1) * f
    dx, dy = u(AUGMENT['shift']) * 2, u(AUGMENT['shift']) * 2  # affine_grid works in [-1, 1]
    angle = u(AUGMENT['rotate']) * 2 * math.pi
    zoom = 1 + u(AUGMENT['zoom'])
    cos, sin = torch.cos(angle) * zoom, torch.sin(angle) * zoom
    theta = torch.stack([torch.stack([cos, -sin, dx], 1), torch.stack([sin, cos, dy], 1)], 1)
    grid = F.affine_grid(theta, list(x.shape), align_corners=False)
    return F.grid_sample(x, grid, mode='bilinear', padding_mode='reflection', align_corners=False)


@torch.no_grad()
def frozen_outputs(parts, images, cut, batch=500):
    return torch.cat([run_units(parts, images[i:i + batch].float().contiguous(memory_format=torch.channels_last), 0, cut)
                      for i in range(0, len(images), batch)])


class Top(nn.Module):
    """Units [cut, end) of the base, the pooling and the head: what trains in a phase."""

    def __init__(self, parts, cut, classifier):
        super().__init__()
        self.parts, self.cut, self.classifier = parts, cut, classifier

    def forward(self, x):
        return self.classifier(run_units(self.parts, x, self.cut, len(self.parts)).mean(dim=(2, 3)))


def train(model, params, data, labels, val, val_labels, epochs, lr, seed, frozen=None):
    """Adam(lr), batches of 32, shuffled per epoch; `frozen(batch_images, generator)` makes inputs
    from images on the fly (augmentation); validation accuracy after each epoch (4.000 and browser's 400)."""
    optimizer = torch.optim.Adam(params, lr=lr)
    generator = torch.Generator().manual_seed(seed)
    history = []
    for _ in range(epochs):
        order = torch.randperm(len(data), generator=generator)
        for i in range(0, len(order), BATCH):
            idx = order[i:i + BATCH]
            x = frozen(data[idx], generator) if frozen else data[idx]
            loss = F.cross_entropy(model(x), labels[idx])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        history.append(accuracy(model, val, val_labels))
    return history


@torch.no_grad()
def accuracy(model, val, val_labels):
    right = torch.cat([model(val[i:i + 500]).argmax(1) for i in range(0, len(val), 500)]) == val_labels
    return [round(right.float().mean().item(), 4), round(right[BROWSER_MASK].float().mean().item(), 4)]


BROWSER_MASK = None


def experiment(base, train_set, test_set, per_class, blocks, lr2, epochs, epochs2, aug, seed, cache):
    parts = units(base)
    for p in base.parameters():
        p.requires_grad_(False)
    base.eval()  # BatchNormalization in inference mode, stochastic depth off, in both phases
    images, labels = subset(*train_set, [0, 1, 2, 3], per_class)
    val_images, val_labels = test_set
    end = len(parts)
    key = ('features', per_class)
    if key not in cache:
        cache[key] = (frozen_outputs(parts, images, end), frozen_outputs(parts, val_images, end))
    feats, val_feats = cache[key]
    classifier = head(feats.shape[1], 4, seed)
    phase1 = Top(parts, end, classifier)
    start_p1 = time.time()
    if aug == 'both':
        h1 = train(phase1, classifier.parameters(), images, labels, val_feats, val_labels, epochs, 1e-3, seed,
                   frozen=lambda b, g: _no_grad(lambda bb, gg: run_units(parts, augment(bb, gg), 0, end), b, g))
    else:
        h1 = train(phase1, classifier.parameters(), feats, labels, val_feats, val_labels, epochs, 1e-3, seed)
    seconds1 = time.time() - start_p1
    after1 = {k: v.clone() for k, v in classifier.state_dict().items()}

    def phase2(k):
        classifier.load_state_dict(after1)
        cut = end - k
        ckey = ('cut', per_class, cut)
        if cut < end and ckey not in cache:
            cache[ckey] = (frozen_outputs(parts, images, cut), frozen_outputs(parts, val_images, cut))
        data, val = cache[ckey] if cut < end else (feats, val_feats)
        snapshot = [p.detach().clone() for p in base.parameters()]
        trainable = list(classifier.parameters())
        for unit in parts[cut:]:
            for m in unit.modules():
                if isinstance(m, nn.Conv2d):
                    for p in m.parameters():
                        p.requires_grad_(True)
                        trainable.append(p)
        model = Top(parts, cut, classifier)
        frozen = (lambda b, g: _no_grad(lambda bb, gg: run_units(parts, augment(bb, gg), 0, cut), b, g)) if aug != 'none' else None
        t = time.time()
        h = train(model, trainable, images if frozen else data, labels, val, val_labels, epochs2, lr2, seed + 1000, frozen)
        seconds = time.time() - t
        with torch.no_grad():  # the base back as committed, for the next run
            for p, s in zip(base.parameters(), snapshot):
                p.copy_(s)
                p.requires_grad_(False)
        return h, seconds

    h2, seconds2 = phase2(blocks)
    control, _ = phase2(0)
    return {
        'perClass': per_class, 'blocks': blocks, 'lr2': lr2, 'epochs': epochs, 'epochs2': epochs2, 'augment': aug, 'seed': seed,
        'phase1': h1[-1], 'phase2': h2[-1], 'headOnly': control[-1], 'phase2History': h2,
        'seconds': [round(seconds1, 1), round(seconds2, 1)],
    }


def _no_grad(fn, *args):
    with torch.no_grad():
        return fn(*args)


def main():
    global BROWSER_MASK
    parser = argparse.ArgumentParser()
    parser.add_argument('--per-class', type=int, nargs='+', default=[100])
    parser.add_argument('--blocks', type=int, nargs='+', default=[2])
    parser.add_argument('--lr2', type=float, nargs='+', default=[1e-5])
    parser.add_argument('--epochs', type=int, default=10)
    parser.add_argument('--epochs2', type=int, nargs='+', default=[5])
    parser.add_argument('--augment', nargs='+', default=['none'], choices=['none', 'p2', 'both'])
    parser.add_argument('--seeds', type=int, nargs='+', default=[1, 2, 3])
    parser.add_argument('--threads', type=int, default=2)
    parser.add_argument('--save', action='store_true')
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    train_all = load('train')
    train_set = subset(*train_all, TRANSFER_CLASSES)
    test_set = subset(*load('test'), TRANSFER_CLASSES)
    # The browser's validation: the first 100 test images of each class, in file order.
    BROWSER_MASK = torch.zeros(len(test_set[1]), dtype=torch.bool)
    for c in range(4):
        BROWSER_MASK[torch.nonzero(test_set[1] == c).flatten()[:BROWSER_VALIDATION]] = True
    base = load_committed()
    cache, runs = {}, []
    for per_class in args.per_class:
        for aug in args.augment:
            for blocks in args.blocks:
                for lr2 in args.lr2:
                    for epochs2 in args.epochs2:
                        for seed in args.seeds:
                            run = experiment(base, train_set, test_set, per_class, blocks, lr2, args.epochs, epochs2, aug, seed, cache)
                            print(json.dumps(run), flush=True)
                            runs.append(run)
    if args.save:
        path = HERE / 'results.json'
        results = json.loads(path.read_text())
        results.setdefault('fineTune', []).extend(runs)
        path.write_text(json.dumps(results, indent=2) + '\n')


if __name__ == '__main__':
    main()
