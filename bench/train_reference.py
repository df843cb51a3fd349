#!/usr/bin/python3
"""PyTorch reference for one fast-style training step, for the `train` benchmark of StyleGallery.Bench.

The same step as StyleGallery.Engine/Training (Johnson et al. 2016): a batch of 0..255 crops through the
transformation network (9x9/3x3 convolutions with TensorFlow "SAME" padding, instance norm eps 1e-3 after all but the
last, which has a bias instead,
five residual blocks, resize-then-convolve up-sampling, tanh*150+127.5 clamped), the perceptual loss through
frozen VGG19 (Caffe convention, content relu3_1 = 1/2*sum((F-P)^2), style relu1_1..relu4_1 per photo
sum((G-A)^2)/(4 N^2 M^2), squared TV), backward, Adam(lr 1e-3). Prints one JSON line: images/s and ms per step.

Run with Debian's /usr/bin/python3 (python3-torch 1.13, python3-numpy); see bench/README.md for the BLAS note.
Random weights and random crops: only the speed is compared, not the result.
"""

import argparse
import json
import os
import statistics
import struct
import sys
import time

SHARED = os.path.abspath(os.environ.get("STYLEGALLERY_SHARED")
                         or os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared"))
DEFAULT_VGG = os.path.join(SHARED, "models", "vgg", "vgg19-imagenet.safetensors")
CAFFE_MEAN_RGB = (123.68, 116.779, 103.939)
VGG19_BLOCKS = (2, 2, 4, 4, 4)
CONTENT_LAYER = "relu3_1"
STYLE_LAYERS = ("relu1_1", "relu2_1", "relu3_1", "relu4_1")


from hugetlb import ensure_hugetlb  # noqa: E402

ensure_hugetlb()

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402


def read_safetensors(path):
    with open(path, "rb") as f:
        blob = f.read()
    (header_len,) = struct.unpack("<Q", blob[:8])
    header = json.loads(blob[8:8 + header_len].decode("utf-8"))
    header.pop("__metadata__", None)
    data = memoryview(blob)[8 + header_len:]
    out = {}
    for name, info in header.items():
        if info["dtype"] != "F32":
            continue
        begin, end = info["data_offsets"]
        out[name] = torch.from_numpy(np.frombuffer(data[begin:end], dtype="<f4").reshape(info["shape"]).copy())
    return out


def same_pad(n, k, s):
    out = -(-n // s)
    total = max((out - 1) * s + k - n, 0)
    return total // 2, total - total // 2


class SameConv(nn.Module):
    def __init__(self, cin, cout, k, s, bias=False):
        super().__init__()
        self.k, self.s = k, s
        self.weight = nn.Parameter(torch.empty(cout, cin, k, k))
        nn.init.kaiming_uniform_(self.weight, a=5 ** 0.5)
        self.bias = nn.Parameter(torch.zeros(cout)) if bias else None

    def forward(self, x):
        top, bottom = same_pad(x.shape[2], self.k, self.s)
        left, right = same_pad(x.shape[3], self.k, self.s)
        if top == bottom and left == right:
            return F.conv2d(x, self.weight, self.bias, stride=self.s, padding=(top, left))
        return F.conv2d(F.pad(x, (left, right, top, bottom)), self.weight, self.bias, stride=self.s)


class Norm(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(c))
        self.bias = nn.Parameter(torch.zeros(c))

    def forward(self, x):
        return F.instance_norm(x, weight=self.weight, bias=self.bias, eps=1e-3)


class Residual(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.conv1, self.in1, self.conv2, self.in2 = SameConv(c, c, 3, 1), Norm(c), SameConv(c, c, 3, 1), Norm(c)

    def forward(self, x):
        return x + self.in2(self.conv2(F.relu(self.in1(self.conv1(x)))))


class ResizeConv(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv = SameConv(cin, cout, 3, 1)

    def forward(self, x):
        return self.conv(F.interpolate(x, scale_factor=2, mode="nearest"))


class TransformerNet(nn.Module):
    def __init__(self, base):
        super().__init__()
        c = base
        self.down = nn.ModuleList([SameConv(3, c, 9, 1), SameConv(c, 2 * c, 3, 2), SameConv(2 * c, 4 * c, 3, 2)])
        self.down_norm = nn.ModuleList([Norm(c), Norm(2 * c), Norm(4 * c)])
        self.res = nn.ModuleList([Residual(4 * c) for _ in range(5)])
        self.up = nn.ModuleList([ResizeConv(4 * c, 2 * c), ResizeConv(2 * c, c)])
        self.up_norm = nn.ModuleList([Norm(2 * c), Norm(c)])
        # As StyleGallery trains them: no normalisation on the output layer, a bias instead.
        self.conv4 = SameConv(c, 3, 9, 1, bias=True)

    def forward(self, x):
        h, w = x.shape[2], x.shape[3]
        for conv, norm in zip(self.down, self.down_norm):
            x = F.relu(norm(conv(x)))
        for block in self.res:
            x = block(x)
        for up, norm in zip(self.up, self.up_norm):
            x = F.relu(norm(up(x)))
        x = torch.tanh(self.conv4(x)) * 150 + 127.5
        return x.clamp(0, 255)[:, :, :h, :w]


class Vgg19:
    def __init__(self, weights, deepest):
        self.layers = []
        for block, convs in enumerate(VGG19_BLOCKS, start=1):
            for i in range(1, convs + 1):
                name = f"conv{block}_{i}"
                self.layers.append((f"relu{block}_{i}", weights[name + ".weight"], weights[name + ".bias"], i == convs))
                if f"relu{block}_{i}" == deepest:
                    return

    def __call__(self, x):
        mean = torch.tensor(CAFFE_MEAN_RGB).view(1, 3, 1, 1)
        x = x - mean
        taps = {}
        for relu, w, b, pool in self.layers:
            x = F.relu(F.conv2d(x, w, b, padding=1))
            taps[relu] = x
            if pool:
                x = F.max_pool2d(x, 2, 2)
        return taps


def gram(f):
    m = f.reshape(f.shape[1], -1)
    return m @ m.t()


def style_layer(f, target):
    n, m = f.shape[1], f.shape[2] * f.shape[3]
    return (gram(f) - target).square().sum() / (4.0 * n * n * m * m)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--vgg", default=DEFAULT_VGG)
    p.add_argument("--size", type=int, default=256)
    p.add_argument("--batch", type=int, default=4)
    p.add_argument("--width", choices=("full", "half"), default="full")
    p.add_argument("--steps", type=int, default=5)
    p.add_argument("--warmup", type=int, default=1)
    p.add_argument("--threads", type=int, default=0)
    p.add_argument("--style-weight", type=float, default=1e4)
    p.add_argument("--tv-weight", type=float, default=1e-5)
    a = p.parse_args()
    if a.threads > 0:
        torch.set_num_threads(a.threads)
    if not os.path.isfile(a.vgg):
        print(f"error: VGG19 weights not found: {a.vgg}", file=sys.stderr)
        sys.exit(2)
    torch.manual_seed(1)
    vgg = Vgg19(read_safetensors(a.vgg), "relu4_1")
    net = TransformerNet(16 if a.width == "half" else 32)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    with torch.no_grad():
        style = vgg(torch.rand(1, 3, a.size, a.size) * 255)
        targets = {l: gram(style[l]) for l in STYLE_LAYERS}
    times = []
    for step in range(a.warmup + a.steps):
        photos = torch.rand(a.batch, 3, a.size, a.size) * 255
        start = time.perf_counter()
        opt.zero_grad(set_to_none=True)
        with torch.no_grad():
            target = vgg(photos)[CONTENT_LAYER]
        out = net(photos)
        feats = vgg(out)
        content = 0.5 * (feats[CONTENT_LAYER] - target).square().sum() / a.batch
        style_loss = sum(style_layer(feats[l][i:i + 1], targets[l]) for l in STYLE_LAYERS for i in range(a.batch))
        style_loss = style_loss / (a.batch * len(STYLE_LAYERS)) * a.style_weight
        dy = out[:, :, 1:, :-1] - out[:, :, :-1, :-1]
        dx = out[:, :, :-1, 1:] - out[:, :, :-1, :-1]
        tv = (dy.square() + dx.square()).sum() * a.tv_weight / a.batch
        loss = content + style_loss + tv
        loss.backward()
        opt.step()
        if step >= a.warmup:
            times.append(time.perf_counter() - start)
    median = statistics.median(times)
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "size": a.size, "batch": a.batch,
                      "width": a.width, "median_step_ms": median * 1000, "images_per_s": a.batch / median,
                      "loss": float(loss)}))


if __name__ == "__main__":
    main()
