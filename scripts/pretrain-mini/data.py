"""CIFAR-10 from the PNG sprites the site serves (public/data/cifar10/, written by scripts/cifar10.mjs)."""
import json

import numpy as np
import torch
from PIL import Image

from model import ROOT

DATA = ROOT / 'public/data/cifar10'


def _sprite(name):
    # One 32×32 RGB image per 1024-pixel row, bytes (y·32 + x)·3 + c: reshaping gives HWC.
    pixels = np.asarray(Image.open(DATA / name).convert('RGB'), dtype=np.uint8)
    return pixels.reshape(-1, 32, 32, 3)


def load(split):
    """(images uint8 NCHW tensor, labels int64 tensor) for 'train' (50,000) or 'test' (10,000)."""
    if not (DATA / 'test_batch.png').exists():
        raise SystemExit('Falta CIFAR-10 en public/data/cifar10/: ejecuta antes `npm run data`.')
    names = [f'data_batch_{i}.png' for i in range(1, 6)] if split == 'train' else ['test_batch.png']
    images = np.concatenate([_sprite(n) for n in names])
    labels = np.array(json.loads((DATA / f'{split}_lables.json').read_text()), dtype=np.int64)
    assert len(images) == len(labels)
    return torch.from_numpy(images).permute(0, 3, 1, 2).contiguous(), torch.from_numpy(labels)


def subset(images, labels, classes, per_class=None, generator=None):
    """Only `classes`, relabelled 0..k-1 in that order; optionally the first `per_class` of each."""
    keep = []
    for c in classes:
        idx = torch.nonzero(labels == c).flatten()
        if per_class is not None:
            idx = idx[torch.randperm(len(idx), generator=generator)[:per_class]] if generator else idx[:per_class]
        keep.append(idx)
    keep = torch.cat(keep).sort().values
    remap = torch.full((10,), -1, dtype=torch.int64)
    remap[torch.tensor(classes)] = torch.arange(len(classes))
    return images[keep], remap[labels[keep]]


def augment(batch, generator):
    """Random horizontal flip and a random 32×32 crop of the image padded by 4 (reflected)."""
    n = batch.shape[0]
    flip = torch.rand(n, generator=generator) < 0.5
    batch = torch.where(flip.view(n, 1, 1, 1), batch.flip(3), batch)
    padded = torch.nn.functional.pad(batch, (4, 4, 4, 4), mode='reflect')
    dx = torch.randint(0, 9, (n,), generator=generator)
    dy = torch.randint(0, 9, (n,), generator=generator)
    return torch.stack([padded[i, :, dy[i]:dy[i] + 32, dx[i]:dx[i] + 32] for i in range(n)])
