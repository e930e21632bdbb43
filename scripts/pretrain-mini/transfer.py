"""The transfer lab's phase 1 in PyTorch: a frozen base, its pooled features cached, the
notebook's head (Dense 128 relu → Dense 256 relu → Dense 4 softmax, Adam 1e-3) trained on them."""
import copy

import torch
import torch.nn as nn
import torch.nn.functional as F


@torch.no_grad()
def features(base, images, batch=500):
    """GlobalAveragePooling2D of the base in inference mode (frozen BatchNormalization)."""
    base.eval()
    # channels_last: oneDNN's fast path on the CPU, about 2.5× faster here.
    chunks = [images[i:i + batch].float().contiguous(memory_format=torch.channels_last) for i in range(0, len(images), batch)]
    return torch.cat([base(x).mean(dim=(2, 3)) for x in chunks])


def head(inputs, classes, seed):
    torch.manual_seed(seed)
    model = nn.Sequential(nn.Linear(inputs, 128), nn.ReLU(), nn.Linear(128, 256), nn.ReLU(), nn.Linear(256, classes))
    for layer in model:
        if isinstance(layer, nn.Linear):  # Keras's Dense: Glorot uniform, zero bias
            nn.init.xavier_uniform_(layer.weight)
            nn.init.zeros_(layer.bias)
    return model


def train_head(train_x, train_y, val_x, val_y, classes, epochs, batch=32, seed=0):
    """Validation accuracy after each epoch."""
    model = head(train_x.shape[1], classes, seed)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    generator = torch.Generator().manual_seed(seed)
    history = []
    for _ in range(epochs):
        model.train()
        order = torch.randperm(len(train_x), generator=generator)
        for i in range(0, len(order), batch):
            idx = order[i:i + batch]
            loss = F.cross_entropy(model(train_x[idx]), train_y[idx])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        model.eval()
        with torch.no_grad():
            history.append((model(val_x).argmax(1) == val_y).float().mean().item())
    return history


@torch.no_grad()
def recalibrated(base, images, batch=500):
    """A copy whose BatchNormalization statistics are those of `images`, weights untouched.

    A freshly built base keeps Keras's initial moving statistics (mean 0, variance 1), which
    shrink its features to about 1e-5: the head then sees almost nothing. With statistics
    measured on the data the same random weights give usable random features: the control
    the browser shows too (src/engine/efficientnet/calibrate.ts)."""
    base = copy.deepcopy(base).eval()
    for module in base.modules():
        if isinstance(module, nn.BatchNorm2d):
            module.reset_running_stats()
            module.momentum = None  # a plain average over all batches
            module.train()
    for i in range(0, len(images), batch):
        base(images[i:i + batch].float().contiguous(memory_format=torch.channels_last))
    return base.eval()


def measure_transfer(bases, train, test, sizes, epochs, classes=4):
    """{trainImages, valImages, epochs, <base name>: {final, best}} per training-set size."""
    results = []
    val_x = {name: features(b, test[0]) for name, b in bases.items()}
    for per_class in sizes:
        images, labels = _per_class(*train, classes, per_class)
        row = {'trainImages': len(images), 'valImages': len(test[0]), 'epochs': epochs}
        for name, b in bases.items():
            history = train_head(features(b, images), labels, val_x[name], test[1], classes, epochs)
            row[name] = {'final': round(history[-1], 4), 'best': round(max(history), 4)}
        print(f'transferencia, {len(images)} imágenes, {epochs} épocas: '
              + ', '.join(f'{name} {row[name]["final"]:.3f}' for name in bases), flush=True)
        results.append(row)
    return results


def _per_class(images, labels, classes, per_class):
    """A fixed random `per_class` images of each class."""
    generator = torch.Generator().manual_seed(1)
    keep = torch.cat([torch.nonzero(labels == c).flatten()[torch.randperm(int((labels == c).sum()), generator=generator)[:per_class]]
                      for c in range(classes)]).sort().values
    return images[keep], labels[keep]
