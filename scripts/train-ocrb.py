#!/usr/bin/env python3
"""Train a member of DocScreen's OCR-B character classifier ensemble and write its weights as Swift:
Sources/MRZReader/OCRBModelWeights.swift (--augmentation classic) or OCRBModelWeightsThin.swift (thin).

The model reads one MRZ character cell: a 16x20 grid sampled around the cell centre (width = the character
pitch, height = 1.5 x the pitch, 2x2 supersampling, bilinear), normalised to ink-positive
z-scores. It is a small multilayer perceptron (321 -> 128 ReLU -> 37 softmax; the 321st input is the glyph's height relative to its line) trained on renderings of the
OCR-B typeface (Debian's fonts-ocr-b, public domain) with augmentation: scale, stroke weight, blur, noise,
JPEG artefacts, security-pattern backgrounds, rotation and the segmentation jitter the reader sees.
The sampling here must match Sources/MRZReader/GlyphSampler.swift exactly.

The two members differ only in augmentation: `thin` also renders hairline strokes (eroded by up to a third
of the stroke on each side) and faint print (ink 35-75 levels below the paper); the reader averages their
probabilities, which reads thin print without losing what `classic` reads on real scans.

Usage: python3 scripts/train-ocrb.py --augmentation classic|thin [--samples N] [--epochs E] [--seed S] [--out F]
Needs: numpy, Pillow (pip), fonts-ocr-b (apt). Deterministic for a given seed.
"""
import argparse, base64, io, math, os, sys
import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT = "/usr/share/fonts/opentype/ocr-b/OCRB.otf"
CLASSES = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ<"
W, H, S = 16, 20, 2           # output grid, supersampling per axis
CELL_HEIGHT = 1.5             # sampled height in character heights
HIDDEN = 128
RELATIVE_SCALE = 10.0         # the last input: 10 x (glyph height / line's 90th percentile - 1)
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# The shipped model is an ensemble of two members trained alike but for their augmentation.
MEMBERS = {
    "classic": {"file": "OCRBModelWeights.swift", "name": "weightsBase64"},
    "thin": {"file": "OCRBModelWeightsThin.swift", "name": "weightsBase64Thin"},
}
AUGMENTATION = "classic"


def bilinear(img, xs, ys):
    """Bilinear samples of a float image at (xs, ys); outside the image reads the nearest edge."""
    h, w = img.shape
    xs = np.clip(xs, 0, w - 1.001)
    ys = np.clip(ys, 0, h - 1.001)
    x0 = np.floor(xs).astype(np.int64)
    y0 = np.floor(ys).astype(np.int64)
    fx = xs - x0
    fy = ys - y0
    a = img[y0, x0]
    b = img[y0, x0 + 1]
    c = img[y0 + 1, x0]
    d = img[y0 + 1, x0 + 1]
    return (a * (1 - fx) + b * fx) * (1 - fy) + (c * (1 - fx) + d * fx) * fy


def sample_cell(img, cx, cy, ux, uy, pitch, char_height):
    """The 16x20 feature vector of one cell, exactly as GlyphSampler does it."""
    vx, vy = -uy, ux
    cw, ch = pitch, CELL_HEIGHT * char_height
    i = np.arange(W)[None, :, None, None]
    j = np.arange(H)[:, None, None, None]
    a = np.arange(S)[None, None, :, None]
    b = np.arange(S)[None, None, None, :]
    fu = ((i + (a + 0.5) / S) / W - 0.5) * cw
    fv = ((j + (b + 0.5) / S) / H - 0.5) * ch
    xs = cx + ux * fu + vx * fv
    ys = cy + uy * fu + vy * fv
    vals = bilinear(img, xs, ys).mean(axis=(2, 3))
    m = vals.mean()
    sd = max(vals.std(), 8.0)
    return ((m - vals) / sd).astype(np.float32).reshape(-1)


def background(rng, w, h, paper):
    """Paper with a smooth gradient and, often, fine guilloche-like curves."""
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    g = paper + rng.uniform(-25, 25) * (xx / max(w, 1)) + rng.uniform(-25, 25) * (yy / max(h, 1))
    img = Image.fromarray(np.clip(g, 0, 255).astype(np.uint8))
    if rng.random() < 0.6:
        d = ImageDraw.Draw(img)
        for _ in range(rng.integers(1, 6)):
            amp, per, ph = rng.uniform(2, h / 2), rng.uniform(20, 120), rng.uniform(0, 6.3)
            base = rng.uniform(0, h)
            tone = int(np.clip(paper - rng.uniform(15, 90), 0, 255))
            pts = [(x, base + amp * math.sin(x / per * 6.28 + ph)) for x in range(0, w, 3)]
            d.line(pts, fill=tone, width=int(rng.integers(1, 3)))
    return img


def render_line(rng, text, scale):
    """Renders `text` in OCR-B at a pitch of its own (glyphs 0.83-1.05 of the font's advance, as printers
    differ) and returns (float image, cell centres, pitch, relative glyph heights, direction)."""
    up = 4  # render large, then reduce: anti-aliasing like a real print or scan
    size = scale * up
    font = ImageFont.truetype(FONT, int(size))
    adv = font.getlength("0")
    pitch = adv * rng.uniform(0.95, 1.2)
    cap_top = -font.getbbox("H", anchor="ls")[1]
    margin = int(pitch * 1.5)
    w = int(pitch * len(text) + 2 * margin)
    h = int(cap_top * 3.2)
    paper = rng.uniform(150, 250)
    if AUGMENTATION == "classic":
        ink = rng.uniform(0, min(110, paper - 60))
    else:  # also faint print, close to the paper
        ink = rng.uniform(0, min(110, paper - 60)) if rng.random() < 0.85 else rng.uniform(paper - 75, paper - 35)
    img = background(rng, w // up + 1, h // up + 1, paper).resize((w, h), Image.BILINEAR)
    d = ImageDraw.Draw(img)
    base_y = h * 0.5 + cap_top / 2
    stroke = int(rng.choice([0, 0, 0, 1, 2, 3]))
    for k, ch in enumerate(text):
        x = margin + k * pitch + (pitch - adv) / 2
        d.text((x, base_y), ch, font=font, anchor="ls", fill=int(ink), stroke_width=stroke, stroke_fill=int(ink))
    if AUGMENTATION == "classic":
        if rng.random() < 0.25:  # thinner strokes: erode the ink
            img = img.filter(ImageFilter.MaxFilter(3))
    elif stroke == 0 and rng.random() < 0.4:
        # Thinner strokes, down to hairlines (light printers, worn ribbons): erode the ink by up to a third of
        # the stroke on each side (OCR-B's stroke is about a tenth of the font size).
        r = int(round(0.1 * size * rng.uniform(0.08, 0.34)))
        if r > 0:
            img = img.filter(ImageFilter.MaxFilter(2 * r + 1))
    angle = rng.uniform(-2.5, 2.5)
    img = img.rotate(angle, resample=Image.BILINEAR, center=(w / 2, h / 2), fillcolor=int(paper))
    small = img.resize((max(1, w // up), max(1, h // up)), Image.BOX)
    if rng.random() < 0.3:  # low resolution: down and up again
        f = rng.uniform(1.3, 2.2)
        sw, sh = small.size
        small = small.resize((max(1, int(sw / f)), max(1, int(sh / f))), Image.BOX).resize((sw, sh), Image.BILINEAR)
    blur = float(rng.choice([0, 0, rng.uniform(0.3, 1.6)]))
    if blur:
        small = small.filter(ImageFilter.GaussianBlur(blur))
    arr = np.asarray(small, dtype=np.float32)
    arr = arr + rng.normal(0, rng.uniform(0, 14), arr.shape)
    arr = np.clip(arr, 0, 255)
    if rng.random() < 0.5:
        buf = io.BytesIO()
        Image.fromarray(arr.astype(np.uint8)).save(buf, "JPEG", quality=int(rng.integers(35, 95)))
        arr = np.asarray(Image.open(buf), dtype=np.float32)
    # The reader measures each glyph's height and the line's centre from the glyphs: the centre from the tall
    # glyphs (over 0.75 x the 80th percentile), each height relative to the line's 90th percentile (OCR-B
    # digits stand taller than letters: this is what tells 0 from O). The same statistics here.
    boxes = [font.getbbox(ch, anchor="ls") for ch in text]
    glyph_heights = [b[3] - b[1] for b in boxes]
    heights = sorted(glyph_heights)
    tall = heights[int(len(heights) * 0.8)]
    letters = [b for b in boxes if (b[3] - b[1]) > 0.75 * tall]
    centre_offset = float(np.mean([(b[1] + b[3]) / 2 for b in letters]))  # relative to the baseline (negative: above)
    reference = float(np.percentile(glyph_heights, 90))
    relative = [g / reference for g in glyph_heights]
    t = math.radians(-angle)  # PIL rotates counter-clockwise for positive angles
    ux, uy = math.cos(t), math.sin(t)
    cxr, cyr = w / 2, h / 2
    centres = []
    for k in range(len(text)):
        x = margin + (k + 0.5) * pitch
        y = base_y + centre_offset
        dx, dy = x - cxr, y - cyr
        rx = cxr + dx * math.cos(t) - dy * math.sin(t)
        ry = cyr + dx * math.sin(t) + dy * math.cos(t)
        centres.append((rx / up, ry / up))
    return arr, centres, pitch / up, relative, (ux, uy)


def mrz_like_text(rng):
    """A line like an MRZ line: digit-heavy (dates, numbers), name-like (letters and fillers) or mixed."""
    n = int(rng.integers(8, 16))
    digits, letters = list("0123456789"), list("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    mode = rng.random()
    if mode < 0.4:
        pool = [rng.choice(digits) if r < 0.65 else (rng.choice(letters) if r < 0.85 else "<") for r in rng.random(n)]
    elif mode < 0.7:
        pool = [rng.choice(letters) if r < 0.75 else "<" for r in rng.random(n)]
    else:
        pool = list(rng.choice(list(CLASSES), size=n))
    return "".join(pool)


def make_data(rng, n):
    xs, ys = [], []
    while len(ys) < n:
        scale = float(np.exp(rng.uniform(math.log(9), math.log(48))))  # font size in px (cap height ~ 0.7x)
        text = mrz_like_text(rng)
        arr, centres, pitch, relative, (ux, uy) = render_line(rng, text, scale)
        for k, ch in enumerate(text):
            cx, cy = centres[k]
            jx = rng.normal(0, 0.06) * pitch
            jy = rng.normal(0, 0.05) * pitch
            p = pitch * rng.uniform(0.96, 1.04)
            # The cell height comes from the pitch, not from the glyphs: OCR-B digits stand taller than
            # letters, so a height measured on a line of digits would squash every glyph of it.
            hgt = p * rng.uniform(0.94, 1.06)
            da = rng.normal(0, 0.012)
            u = (ux * math.cos(da) - uy * math.sin(da), ux * math.sin(da) + uy * math.cos(da))
            cell = sample_cell(arr, cx + jx, cy + jy, u[0], u[1], p, hgt)
            # Measured heights are noisy (blur, broken thin strokes); some glyphs go unmeasured (1).
            rel = 1.0 if rng.random() < 0.08 else relative[k] * rng.normal(1, 0.035)
            xs.append(np.append(cell, np.float32(RELATIVE_SCALE * (rel - 1))))
            ys.append(CLASSES.index(ch))
    return np.stack(xs), np.array(ys)


def train(x, y, epochs, rng):
    n, d = x.shape
    k = len(CLASSES)
    w1 = rng.normal(0, math.sqrt(2 / d), (d, HIDDEN)).astype(np.float32)
    b1 = np.zeros(HIDDEN, np.float32)
    w2 = rng.normal(0, math.sqrt(2 / HIDDEN), (HIDDEN, k)).astype(np.float32)
    b2 = np.zeros(k, np.float32)
    params = [w1, b1, w2, b2]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    step, lr = 0, 2e-3
    for epoch in range(epochs):
        order = rng.permutation(n)
        for s in range(0, n, 256):
            idx = order[s:s + 256]
            xb, yb = x[idx], y[idx]
            h = np.maximum(xb @ w1 + b1, 0)
            z = h @ w2 + b2
            z -= z.max(axis=1, keepdims=True)
            p = np.exp(z)
            p /= p.sum(axis=1, keepdims=True)
            g = p
            g[np.arange(len(yb)), yb] -= 1
            g /= len(yb)
            gw2 = h.T @ g + 1e-5 * w2
            gb2 = g.sum(0)
            gh = (g @ w2.T) * (h > 0)
            gw1 = xb.T @ gh + 1e-5 * w1
            gb1 = gh.sum(0)
            step += 1
            for i, gr in enumerate([gw1, gb1, gw2, gb2]):
                m[i] = 0.9 * m[i] + 0.1 * gr
                v[i] = 0.999 * v[i] + 0.001 * gr * gr
                params[i] -= lr * (m[i] / (1 - 0.9 ** step)) / (np.sqrt(v[i] / (1 - 0.999 ** step)) + 1e-8)
        lr *= 0.8
        acc = (predict(params, x[:20000]) == y[:20000]).mean()
        print(f"epoch {epoch + 1}: training accuracy {acc:.4f}", file=sys.stderr)
    return params


def predict(params, x):
    w1, b1, w2, b2 = params
    return (np.maximum(x @ w1 + b1, 0) @ w2 + b2).argmax(1)


def quantise(mat):
    """Int8 per column (per output unit) with a float scale."""
    scale = np.abs(mat).max(axis=0) / 127.0 + 1e-12
    q = np.clip(np.round(mat / scale), -127, 127).astype(np.int8)
    return q, scale.astype(np.float32)


def main():
    global AUGMENTATION, HIDDEN, S
    ap = argparse.ArgumentParser()
    ap.add_argument("--samples", type=int, default=250000)
    ap.add_argument("--epochs", type=int, default=20)
    ap.add_argument("--seed", type=int, default=9303)
    ap.add_argument("--augmentation", choices=["classic", "thin"], default="classic",
                    help="classic: the first member of the shipped ensemble; thin: the second, which also sees "
                         "hairline strokes and faint print")
    ap.add_argument("--hidden", type=int, default=HIDDEN, help="hidden units (a multiple of 32; OCRBModel.hiddenCount)")
    ap.add_argument("--supersampling", type=int, default=S, help="samples per feature and axis (GlyphSampler.supersampling)")
    ap.add_argument("--out", default=None, help="the Swift file to write (default: the member's shipped file)")
    a = ap.parse_args()
    AUGMENTATION = a.augmentation
    HIDDEN, S = a.hidden, a.supersampling
    member = MEMBERS[a.augmentation]
    out = a.out or os.path.join(ROOT, "Sources", "MRZReader", member["file"])
    rng = np.random.default_rng(a.seed)
    x, y = make_data(rng, a.samples)
    xt, yt = make_data(np.random.default_rng(a.seed + 1), 8000)
    params = train(x, y, a.epochs, rng)
    acc = (predict(params, xt) == yt).mean()
    print(f"held-out accuracy {acc:.4f} on {len(yt)} augmented cells", file=sys.stderr)
    w1, b1, w2, b2 = params
    q1, s1 = quantise(w1)
    q2, s2 = quantise(w2)
    qp = [q1, s1, b1.astype(np.float32), q2, s2, b2.astype(np.float32)]
    qacc = (predict([q1 * s1, b1, q2 * s2, b2], xt) == yt).mean()
    print(f"held-out accuracy after int8 quantisation {qacc:.4f}", file=sys.stderr)
    # Class templates: the mean cell of clean renderings, for the glyph-to-model distance.
    clean_rng = np.random.default_rng(a.seed + 2)
    templates = np.zeros((len(CLASSES), W * H), np.float32)
    counts = np.zeros(len(CLASSES))
    for xi, yi in zip(*make_data(clean_rng, 6000)):
        templates[yi] += xi[:W * H]
        counts[yi] += 1
    templates /= np.maximum(counts, 1)[:, None]
    tq, ts = quantise(templates.T)
    blob = b"".join(t.tobytes() for t in qp) + tq.T.tobytes() + ts.tobytes()
    text = base64.b64encode(blob).decode()
    chunks = [text[i:i + 120] for i in range(0, len(text), 120)]
    with open(out, "w") as f:
        extra = "" if a.augmentation == "classic" else ", --augmentation %s" % a.augmentation
        extra += ", --hidden %d, --supersampling %d" % (HIDDEN, S)
        f.write("// Generated by scripts/train-ocrb.py (seed %d, %d samples, %d epochs%s) - do not edit.\n" % (a.seed, a.samples, a.epochs, extra))
        f.write("// Held-out accuracy on augmented OCR-B cells: %.4f (int8: %.4f).\n\n" % (acc, qacc))
        f.write("extension OCRBModel {\n")
        f.write("    /// Little-endian blob: w1 int8 [%d x %d], s1 f32 [%d], b1 f32 [%d], w2 int8 [%d x %d], s2 f32 [%d], b2 f32 [%d],\n" % (W * H + 1, HIDDEN, HIDDEN, HIDDEN, HIDDEN, len(CLASSES), len(CLASSES), len(CLASSES)))
        f.write("    /// templates int8 [%d x %d] (row per class), template scales f32 [%d]. Row-major throughout.\n" % (len(CLASSES), W * H, len(CLASSES)))
        f.write("    static let %s: String = \"\"\"\n" % member["name"])
        for c in chunks:
            f.write("        " + c + "\n")
        f.write("        \"\"\"\n}\n")
    print(f"wrote {out} ({len(blob)} bytes)", file=sys.stderr)


if __name__ == "__main__":
    main()
