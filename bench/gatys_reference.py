#!/usr/bin/python3
"""PyTorch reference for the Gatys et al. (2016) optimisation, for the `gatys` benchmark of StyleGallery.Bench.

Runs the same algorithm as StyleGallery.Engine's Gatys engine (VGG19, Caffe preprocessing, content at
relu4_2, Gram style loss at relu1_1..relu5_1, isotropic TV, L-BFGS or Adam over the pixels, clamp to
0..255 after every step) so that losses and seconds per evaluation can be compared in one run.

Needs Debian's python3-torch (1.13), python3-numpy and python3-pil; run it with /usr/bin/python3.
See bench/README.md for the command line, what is measured and the BLAS note.
"""

import argparse
import json
import os
import statistics
import struct
import sys
import time

# Same lookup as StyleGallery.Tests/Support/SharedData.cs: $STYLEGALLERY_SHARED, else ../shared beside the repo.
SHARED = os.path.abspath(os.environ.get("STYLEGALLERY_SHARED")
                         or os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared"))
DEFAULT_VGG = os.path.join(SHARED, "models", "vgg", "vgg19-imagenet.safetensors")
DEFAULT_GOLDEN = os.path.join(SHARED, "models", "golden", "gatys_vgg19_small_golden.safetensors")
CONTENT_DIR = os.path.join(SHARED, "images", "content")
STYLE_DIR = os.path.join(SHARED, "images", "styles")

CAFFE_MEAN_RGB = (123.68, 116.779, 103.939)
VGG19_BLOCKS = (2, 2, 4, 4, 4)
CONTENT_LAYER = "relu4_2"
STYLE_LAYERS = ("relu1_1", "relu2_1", "relu3_1", "relu4_1", "relu5_1")
# Same value as the C# engine's GatysLosses.TvEpsilon: keeps sqrt differentiable where a pixel's two
# differences are both exactly 0 (common once clamping pins neighbours to 0 or 255).
DEFAULT_TV_EPS = 1e-8
SELFTEST_TOLERANCE = 1e-4


from hugetlb import ensure_hugetlb  # noqa: E402
from memory import peak_rss_mb  # noqa: E402

ensure_hugetlb()

import numpy as np  # noqa: E402  (after the re-exec on purpose)
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402
from PIL import Image  # noqa: E402


# ---------------------------------------------------------------- safetensors

SAFETENSORS_DTYPES = {"F32": np.float32, "F64": np.float64, "F16": np.float16, "I64": np.int64,
                      "I32": np.int32, "U8": np.uint8}


def fail(message):
    """Bad input: a clear message and exit code 2, like argparse's own errors."""
    print(f"error: {message}", file=sys.stderr)
    sys.exit(2)


def require_file(path):
    if not os.path.isfile(path):
        fail(f"file not found: {path} (set STYLEGALLERY_SHARED if ../shared is elsewhere)")
    return path


def read_safetensors(path):
    """Parses a safetensors file by hand: 8-byte LE header length, JSON header, raw LE data."""
    require_file(path)
    with open(path, "rb") as f:
        blob = f.read()
    (header_len,) = struct.unpack("<Q", blob[:8])
    header = json.loads(blob[8:8 + header_len].decode("utf-8"))
    header.pop("__metadata__", None)
    data = memoryview(blob)[8 + header_len:]
    tensors = {}
    for name, info in header.items():
        begin, end = info["data_offsets"]
        dtype = np.dtype(SAFETENSORS_DTYPES[info["dtype"]]).newbyteorder("<")
        array = np.frombuffer(data[begin:end], dtype=dtype).reshape(info["shape"])
        tensors[name] = torch.from_numpy(array.astype(array.dtype.newbyteorder("="), copy=True))
    return tensors


# ---------------------------------------------------------------- VGG19

def vgg19_plan():
    """Yields (conv name, relu name, pool after?) in network order."""
    for block, convs in enumerate(VGG19_BLOCKS, start=1):
        for i in range(1, convs + 1):
            yield f"conv{block}_{i}", f"relu{block}_{i}", i == convs


class TruncatedVgg19:
    """VGG19 features cut after the deepest requested ReLU; frozen weights, Caffe input convention."""

    def __init__(self, weights, wanted_layers, dtype):
        self.wanted = set(wanted_layers)
        plan = list(vgg19_plan())
        deepest = max(i for i, (_, relu, _) in enumerate(plan) if relu in self.wanted)
        self.layers = [(relu, weights[f"{conv}.weight"].to(dtype), weights[f"{conv}.bias"].to(dtype), pool_after)
                       for conv, relu, pool_after in plan[:deepest + 1]]
        self.mean = torch.tensor(CAFFE_MEAN_RGB, dtype=dtype).view(1, 3, 1, 1)

    def __call__(self, image):
        """image: [1,3,H,W] RGB 0..255. Returns {relu name: activation} for the wanted layers."""
        x = image - self.mean
        found = {}
        for relu, w, b, pool_after in self.layers:
            x = F.relu(F.conv2d(x, w, b, padding=1))
            if relu in self.wanted:
                found[relu] = x
            if len(found) == len(self.wanted):
                break
            if pool_after:
                x = F.max_pool2d(x, 2, 2)
        return found


# ---------------------------------------------------------------- losses

def gram(features):
    """G = F F^T with F [N=channels, M=H*W], unnormalised as in the paper."""
    n = features.shape[1]
    flat = features.reshape(n, -1)
    return flat @ flat.t()


def style_layer_loss(features, target_gram):
    """E_l = sum((G-A)^2) / (4 N^2 M^2)  (Gatys et al. 2016, eq. 4)."""
    n = features.shape[1]
    m = features.shape[2] * features.shape[3]
    return ((gram(features) - target_gram) ** 2).sum() / (4.0 * n * n * m * m)


def positions(features):
    """M = H*W of one feature map."""
    return features.shape[2] * features.shape[3]


def content_loss(features, target):
    """0.5 * sum((F-P)^2)  (Gatys et al. 2016, eq. 1)."""
    return 0.5 * ((features - target) ** 2).sum()


def tv_loss(image, eps):
    """Isotropic TV: sum over c, i<H-1, j<W-1 of sqrt(dy^2 + dx^2 + eps)."""
    dy = image[:, :, 1:, :-1] - image[:, :, :-1, :-1]
    dx = image[:, :, :-1, 1:] - image[:, :, :-1, :-1]
    return (dy * dy + dx * dx + eps).sqrt().sum()


class GatysObjective:
    """Targets computed once; evaluate(x) returns every loss term as a tensor."""

    def __init__(self, vgg, content, style, alpha, beta, gamma, tv_eps):
        self.vgg = vgg
        self.alpha, self.beta, self.gamma, self.tv_eps = alpha, beta, gamma, tv_eps
        with torch.no_grad():
            content_features = vgg(content)
            self.content_target = content_features[CONTENT_LAYER].detach()
            style_features = vgg(style)
            # As the engine does (GatysLosses.StyleTarget): a Gram grows with the positions M, so a style image of
            # another size than the output contributes its Gram scaled by M_output / M_style.
            self.style_targets = {name: (gram(style_features[name]) * (positions(content_features[name]) / positions(style_features[name]))).detach()
                                  for name in STYLE_LAYERS}

    def evaluate(self, x):
        features = self.vgg(x)
        per_layer = {name: style_layer_loss(features[name], self.style_targets[name]) for name in STYLE_LAYERS}
        style = sum(per_layer.values()) / len(STYLE_LAYERS)
        content = content_loss(features[CONTENT_LAYER], self.content_target)
        tv = tv_loss(x, self.tv_eps)
        total = self.alpha * content + self.beta * style + self.gamma * tv
        return {"total": total, "content": content, "style": style, "tv": tv, "per_layer": per_layer}


def build_vgg(path, dtype):
    return TruncatedVgg19(read_safetensors(path), STYLE_LAYERS + (CONTENT_LAYER,), dtype)


# ---------------------------------------------------------------- images

RESAMPLERS = {"bicubic": Image.BICUBIC, "bilinear": Image.BILINEAR, "lanczos": Image.LANCZOS,
              "nearest": Image.NEAREST, "box": Image.BOX}


def resolve_image(name, folder):
    """A path as given, or a bare name like 'tubingen.jpg' looked up in ../shared/images/<folder>."""
    if os.path.exists(name):
        return name
    candidate = os.path.join(folder, name)
    if os.path.exists(candidate):
        return candidate
    fail(f"image not found: {name} (also looked in {folder})")


def load_resized(path, longest_side, resample):
    image = Image.open(path).convert("RGB")
    w, h = image.size
    scale = longest_side / max(w, h)
    size = (max(1, round(w * scale)), max(1, round(h * scale)))
    return to_tensor(np.asarray(image.resize(size, RESAMPLERS[resample]), dtype=np.float32))


def load_exact(path):
    """Pixels used as-is: PNG (any mode, converted to RGB) or .npy of [H,W,3] or [3,H,W], 0..255."""
    require_file(path)
    if path.lower().endswith(".npy"):
        array = np.load(path).astype(np.float32)
        if array.ndim == 4 and array.shape[0] == 1:
            array = array[0]
        if array.ndim != 3 or 3 not in (array.shape[0], array.shape[2]):
            fail(f"{path}: expected [H,W,3] or [3,H,W], got {list(array.shape)}")
        if array.shape[2] != 3:
            array = array.transpose(1, 2, 0)
        return to_tensor(array)
    return to_tensor(np.asarray(Image.open(path).convert("RGB"), dtype=np.float32))


def to_tensor(hwc):
    """[H,W,3] float 0..255 -> [1,3,H,W] float32."""
    return torch.from_numpy(np.ascontiguousarray(hwc.transpose(2, 0, 1))).unsqueeze(0).float()


def save_png(image, path):
    pixels = image.detach()[0].clamp(0, 255).round().to(torch.uint8).permute(1, 2, 0).numpy()
    Image.fromarray(pixels, "RGB").save(path)


def initial_image(args, content):
    if args.init_image:
        start = load_exact(args.init_image)
        if start.shape != content.shape:
            fail(f"--init-image is {list(start.shape[2:])}, content is {list(content.shape[2:])}")
        return start
    if args.init == "content":
        return content.clone()
    generator = torch.Generator().manual_seed(args.seed)
    if args.noise == "uniform":
        return torch.rand(content.shape, generator=generator) * 255.0
    return (128.0 + args.noise_std * torch.randn(content.shape, generator=generator)).clamp(0, 255)


# ---------------------------------------------------------------- optimisation

def make_optimizer(args, x):
    if args.optimizer == "lbfgs":
        # max_iter=1: one .step() is exactly one evaluation; negative tolerances: never stops early.
        return torch.optim.LBFGS([x], lr=args.lr if args.lr is not None else 1.0, max_iter=1, max_eval=1,
                                 history_size=args.history_size, tolerance_grad=-1, tolerance_change=-1,
                                 line_search_fn=None)
    return torch.optim.Adam([x], lr=args.lr if args.lr is not None else 10.0)


def optimise(objective, x, optimizer, evaluations, on_evaluation):
    """Runs `evaluations` steps (one loss+gradient evaluation each); clamps pixels after every step."""
    seconds = []
    for k in range(1, evaluations + 1):
        terms = {}

        def closure():
            if terms:
                raise RuntimeError("optimizer evaluated twice in one step; steps would not equal evaluations")
            optimizer.zero_grad()
            result = objective.evaluate(x)
            result["total"].backward()
            terms.update({name: float(result[name]) for name in ("total", "content", "style", "tv")})
            # Detached so the graph is freed when the closure returns, not when the step ends.
            return result["total"].detach()

        started = time.perf_counter()
        optimizer.step(closure)
        with torch.no_grad():
            x.clamp_(0, 255)
        seconds.append(time.perf_counter() - started)
        on_evaluation(k, terms, seconds[-1])
    return seconds


# ---------------------------------------------------------------- modes

def load_inputs(args):
    if args.content_png:
        content = load_exact(args.content_png)
    else:
        content = load_resized(resolve_image(args.content, CONTENT_DIR), args.size, args.resize)
    if args.style_png:
        style = load_exact(args.style_png)
    else:
        style = load_resized(resolve_image(args.style, STYLE_DIR), args.style_size or args.size, args.resize)
    return content, style


def run(args):
    torch.set_num_threads(args.threads)
    content, style = load_inputs(args)
    setup_started = time.perf_counter()
    vgg = build_vgg(args.vgg, torch.float32)
    objective = GatysObjective(vgg, content, style, args.alpha, args.beta, args.gamma, args.tv_eps)
    setup_seconds = time.perf_counter() - setup_started

    x = initial_image(args, content).requires_grad_(True)
    optimizer = make_optimizer(args, x)
    warmup = 2 if args.time_only else 0
    evaluations = warmup + args.time_only if args.time_only else args.evals
    checkpoints = set(args.checkpoints)
    loss_at, trace = {}, []
    clock = {"elapsed": 0.0}

    def on_evaluation(k, terms, seconds):
        clock["elapsed"] += seconds
        trace.append({"eval": k, **terms, "seconds": seconds, "elapsed": clock["elapsed"]})
        if k in checkpoints:
            loss_at[str(k)] = {"total": terms["total"], "style": terms["style"], "content": terms["content"],
                               "tv": terms["tv"], "elapsed": clock["elapsed"]}
        if args.verbose:
            print(f"eval {k}: total {terms['total']:.6g} style {terms['style']:.6g} ({seconds:.3f} s)",
                  file=sys.stderr)

    seconds = optimise(objective, x, optimizer, evaluations, on_evaluation)
    timed = seconds[warmup:]
    report = {
        "size": list(content.shape[2:]),
        "style_size": list(style.shape[2:]),
        "evals": evaluations,
        "warmup_evals": warmup,
        "optimizer": args.optimizer,
        "init": "image" if args.init_image else args.init,
        "seed": args.seed,
        "weights": {"alpha": args.alpha, "beta": args.beta, "gamma": args.gamma},
        "loss_at": {} if args.time_only else loss_at,
        "sec_per_eval_median": statistics.median(timed),
        "sec_per_eval_all": timed,
        "setup_sec": setup_seconds,
        "peak_rss_mb": peak_rss_mb(),
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "glibc_tunables": os.environ.get("GLIBC_TUNABLES", ""),
        "blas": blas_library(),
        "final_total_loss": trace[-1]["total"],
        "final_style_loss": trace[-1]["style"],
    }
    if args.out:
        save_png(x, args.out)
    if args.trace:
        with open(args.trace, "w") as f:
            json.dump(trace, f)
    print(json.dumps(report))
    return 0


def relative_error(actual, expected):
    """||a-e|| / ||e|| (elementwise for scalars, L2 over the tensor for the gradient)."""
    return float((actual - expected).norm() / expected.norm())


def selftest(args):
    """Checks every loss term and the gradient against the float64 golden file."""
    torch.set_num_threads(args.threads)
    dtype = getattr(torch, args.selftest_dtype)
    golden = {name: t.double() for name, t in read_safetensors(args.golden).items()}
    vgg = build_vgg(args.vgg, dtype)
    content, style = golden["content"][None].to(dtype), golden["style"][None].to(dtype)
    objective = GatysObjective(vgg, content, style, 1.0, 1000.0, 1.0, args.tv_eps)
    x = golden["x"][None].to(dtype).requires_grad_(True)
    result = objective.evaluate(x)
    result["total"].backward()

    computed = {"content_loss": result["content"], "style_loss": result["style"], "tv_loss": result["tv"],
                "total_loss": result["total"], "grad_total_wrt_x": x.grad[0]}
    computed.update({f"style_loss_{name}": loss for name, loss in result["per_layer"].items()})
    errors = {name: relative_error(value.detach().double().reshape(golden[name].shape), golden[name])
              for name, value in computed.items()}
    worst = max(errors.values())
    passed = worst <= SELFTEST_TOLERANCE
    for name, error in errors.items():
        print(f"{name:24s} {float(computed[name].detach().norm()):>16.8g}  rel.err {error:.3e}", file=sys.stderr)
    sys.stderr.flush()
    print(json.dumps({"selftest": "pass" if passed else "fail", "tolerance": SELFTEST_TOLERANCE,
                      "max_relative_error": worst, "relative_errors": errors, "torch": torch.__version__,
                      "dtype": args.selftest_dtype, "tv_eps": args.tv_eps}))
    return 0 if passed else 1


def blas_library():
    """Which libblas.so.3 this process mapped (Debian's alternatives pick the reference BLAS or OpenBLAS)."""
    try:
        with open("/proc/self/maps") as maps:
            paths = {line.split()[-1] for line in maps if "blas" in line.lower() and "/" in line}
        return sorted(os.path.realpath(p) for p in paths)
    except OSError:
        return []


def blas_check(args):
    """4096^2 float32 matmul: reference BLAS gives ~3 GFLOP/s on 2 threads, OpenBLAS ~90-190."""
    torch.set_num_threads(args.threads)
    a, b = torch.randn(4096, 4096), torch.randn(4096, 4096)
    a @ b
    started, repeats = time.perf_counter(), 3
    for _ in range(repeats):
        a @ b
    seconds = (time.perf_counter() - started) / repeats
    print(json.dumps({"matmul": 4096, "gflops": 2 * 4096 ** 3 / seconds / 1e9, "threads": torch.get_num_threads(),
                      "blas": blas_library(), "torch": torch.__version__}))
    return 0


# ---------------------------------------------------------------- command line

def int_list(text):
    return [int(part) for part in text.split(",") if part.strip()]


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--selftest", action="store_true", help="check losses and gradient against the golden file; exit 1 if any relative error > 1e-4")
    p.add_argument("--selftest-dtype", choices=("float64", "float32"), default="float64",
                   help="precision of the self-test (the golden file was computed in float64)")
    mode.add_argument("--blas-check", action="store_true", help="report GFLOP/s of a 4096^2 float32 matmul")
    mode.add_argument("--time-only", type=int, metavar="N", default=0,
                      help="2 warm-up evaluations, then N timed ones; reports seconds per evaluation only")
    p.add_argument("--content", default="tubingen.jpg", help="content image path or name in ../shared/images/content")
    p.add_argument("--style", default="starry_night.jpg", help="style image path or name in ../shared/images/styles")
    p.add_argument("--size", type=int, default=256, help="longest side of the content (and output), pixels")
    p.add_argument("--style-size", type=int, default=None, help="longest side of the style image; None means --size")
    p.add_argument("--resize", choices=sorted(RESAMPLERS), default="bicubic", help="PIL resampling filter")
    p.add_argument("--content-png", default=None, help="exact content pixels (.png or .npy), used as-is; overrides --content/--size")
    p.add_argument("--style-png", default=None, help="exact style pixels (.png or .npy), used as-is; overrides --style/--style-size")
    p.add_argument("--init", choices=("noise", "content"), default="noise", help="starting image")
    p.add_argument("--noise", choices=("uniform", "gaussian"), default="uniform",
                   help="uniform: U(0,255) (the C# engine's choice); gaussian: N(128, noise-std) clamped")
    p.add_argument("--noise-std", type=float, default=20.0, help="standard deviation of gaussian noise")
    p.add_argument("--init-image", default=None, help="exact starting pixels (.png or .npy, content size); overrides --init")
    p.add_argument("--seed", type=int, default=0, help="seed of the noise")
    p.add_argument("--optimizer", choices=("lbfgs", "adam"), default="lbfgs")
    p.add_argument("--lr", type=float, default=None, help="step size; None means 1 for lbfgs, 10 for adam")
    p.add_argument("--history-size", type=int, default=100, help="L-BFGS history")
    p.add_argument("--evals", type=int, default=None, help="evaluations to run; None means the largest checkpoint")
    p.add_argument("--checkpoints", type=int_list, default=[50, 100, 300], help="comma-separated evaluations whose losses are reported")
    p.add_argument("--alpha", type=float, default=1.0, help="content weight")
    p.add_argument("--beta", type=float, default=1000.0, help="style weight")
    p.add_argument("--gamma", type=float, default=1.0, help="total-variation weight")
    p.add_argument("--tv-eps", type=float, default=DEFAULT_TV_EPS, help="added under the TV square root")
    p.add_argument("--threads", type=int, default=2, help="torch.set_num_threads")
    p.add_argument("--vgg", default=DEFAULT_VGG, help="VGG19 safetensors")
    p.add_argument("--golden", default=DEFAULT_GOLDEN, help="golden file for --selftest")
    p.add_argument("--out", default=None, help="save the final image as PNG")
    p.add_argument("--trace", default=None, help="write every evaluation's losses and wall time as JSON")
    p.add_argument("--verbose", action="store_true", help="progress on stderr")
    args = p.parse_args(argv)
    if args.evals is None:
        args.evals = max(args.checkpoints) if args.checkpoints else 300
    if args.evals < 1 or args.time_only < 0:
        p.error("--evals and --time-only must be positive")
    return args


def main(argv):
    args = parse_args(argv)
    if args.selftest:
        return selftest(args)
    if args.blas_check:
        return blas_check(args)
    return run(args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
