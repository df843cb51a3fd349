#!/usr/bin/python3
"""PyTorch reference for StyleGallery's fast style network (docs/benchmarks.md, "Fast style networks").

Builds the same network as StyleGallery.Engine/Fast/TransformerNet.cs from the same safetensors file, runs it on
the same raw RGB input and prints one JSON object with timings and peak memory. Run with Debian's /usr/bin/python3
(python3-torch) and GLIBC_TUNABLES=glibc.malloc.hugetlb=1, like the C# side.

  fast_reference.py --weights W.safetensors --input image.rgb --width 512 --height 512 [--repeats 5]
                    [--variant float32|channels_last|inference_mode|bfloat16] [--threads N] [--output out.rgb]
"""
import argparse
import json
import struct
import time

import numpy as np
import torch
import torch.nn.functional as F

from memory import peak_rss_mb

EPS = 1e-3  # TensorFlow's instance-norm epsilon, which the pretrained weights were trained with


def load_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    (header_len,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + header_len])
    header.pop("__metadata__", None)
    base = 8 + header_len
    tensors = {}
    for name, entry in header.items():
        if entry["dtype"] != "F32":
            raise ValueError(f"{name}: only F32 is supported, got {entry['dtype']}")
        begin, end = entry["data_offsets"]
        array = np.frombuffer(data, dtype="<f4", count=(end - begin) // 4, offset=base + begin)
        tensors[name] = torch.from_numpy(array.reshape(entry["shape"]).copy())
    return tensors


def same_padding(size, kernel, stride):
    out = -(-size // stride)
    total = max((out - 1) * stride + kernel - size, 0)
    return total // 2, total - total // 2


def conv(x, weight, stride):
    k = weight.shape[-1]
    top, bottom = same_padding(x.shape[2], k, stride)
    left, right = same_padding(x.shape[3], k, stride)
    return F.conv2d(F.pad(x, (left, right, top, bottom)), weight, stride=stride)


def norm(x, p, name):
    return F.instance_norm(x, weight=p[name + ".weight"], bias=p[name + ".bias"], eps=EPS)


def deconv(x, weight):
    h, w = x.shape[2] * 2, x.shape[3] * 2
    return F.conv_transpose2d(x, weight, stride=2)[:, :, :h, :w]


def forward(p, x):
    height, width = x.shape[2], x.shape[3]
    x = F.relu(norm(conv(x, p["conv1.weight"], 1), p, "in1"))
    x = F.relu(norm(conv(x, p["conv2.weight"], 2), p, "in2"))
    x = F.relu(norm(conv(x, p["conv3.weight"], 2), p, "in3"))
    for i in range(1, 6):
        r = f"res{i}."
        h = F.relu(norm(conv(x, p[r + "conv1.weight"], 1), p, r + "in1"))
        x = x + norm(conv(h, p[r + "conv2.weight"], 1), p, r + "in2")
    x = F.relu(norm(deconv(x, p["deconv1.weight"]), p, "in4"))
    x = F.relu(norm(deconv(x, p["deconv2.weight"]), p, "in5"))
    x = norm(conv(x, p["conv4.weight"], 1), p, "in6").float()
    return (torch.tanh(x) * 150 + 127.5).clamp(0, 255)[:, :, :height, :width]


def prepare(variant, params, pixels):
    x = torch.from_numpy(pixels).permute(2, 0, 1).unsqueeze(0).float()
    if variant == "bfloat16":
        return {k: v.bfloat16() for k, v in params.items()}, x.bfloat16()
    if variant == "channels_last":
        x = x.contiguous(memory_format=torch.channels_last)
        return {k: (v.contiguous(memory_format=torch.channels_last) if v.dim() == 4 else v) for k, v in params.items()}, x
    return params, x


def stylize(variant, params, pixels):
    grad_off = torch.inference_mode() if variant == "inference_mode" else torch.no_grad()
    with grad_off:
        p, x = prepare(variant, params, pixels)
        y = forward(p, x)
        return y.round().to(torch.uint8)[0].permute(1, 2, 0).contiguous().numpy()


def blas_gflops():
    a = torch.rand(1024, 1024)
    a @ a
    start = time.perf_counter()
    for _ in range(3):
        a @ a
    return 3 * 2 * 1024 ** 3 / (time.perf_counter() - start) / 1e9


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--weights", required=True)
    ap.add_argument("--input", required=True, help="raw interleaved RGB bytes, height*width*3")
    ap.add_argument("--width", type=int, required=True)
    ap.add_argument("--height", type=int, required=True)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--variant", default="float32", choices=["float32", "channels_last", "inference_mode", "bfloat16"])
    ap.add_argument("--threads", type=int, default=0)
    ap.add_argument("--output", help="write the stylised raw RGB here")
    args = ap.parse_args()
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    pixels = np.fromfile(args.input, dtype=np.uint8).reshape(args.height, args.width, 3)
    result = {"variant": args.variant, "torch": torch.__version__, "threads": torch.get_num_threads(),
              "blas_gflops_1024": round(blas_gflops(), 1)}
    try:
        start = time.perf_counter()
        params = load_safetensors(args.weights)
        out = stylize(args.variant, params, pixels)
        result["cold_ms"] = (time.perf_counter() - start) * 1000
        for _ in range(args.warmup):
            stylize(args.variant, params, pixels)
        times = []
        for _ in range(args.repeats):
            start = time.perf_counter()
            out = stylize(args.variant, params, pixels)
            times.append((time.perf_counter() - start) * 1000)
        result["warm_ms"] = times
        result["median_ms"] = float(np.median(times))
        if args.output:
            out.tofile(args.output)
    except Exception as e:  # report, e.g. bfloat16 kernels missing in this torch build
        result["error"] = f"{type(e).__name__}: {e}"
    result["peak_rss_mb"] = peak_rss_mb()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
