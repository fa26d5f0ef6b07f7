"""Reference VQ-VAE in PyTorch, for benchmarks that run side by side with vae4j's vqvae family.

The recipe users copy (Zalando's pytorch-vq-vae notebook; van den Oord et al. 2017), written
here from scratch with the shapes of vae4j's default vqvae (VqVaeConfig), for 28x28 grey images:
  encoder  Conv(1, 32, 4, s2, p1) ReLU Conv(32, 64, 4, s2, p1) ReLU Conv(64, 64, 3, p1)
           2 x Residual(64, 32) ReLU Conv(64, D=64, 1)                     -> z_e [B, 64, 7, 7]
           Residual(c, r): x + Conv(r, c, 1, no bias)(ReLU(Conv(c, r, 3, p1, no bias)(ReLU(x))))
  quantise nearest of K=512 codes, straight-through z_e + (z_q - z_e).detach()
  decoder  Conv(64, 64, 3, p1) 2 x Residual(64, 32) ReLU ConvT(64, 32, 3, s2, p1, op1) ReLU
           ConvT(32, 1, 3, s2, p1, op1) sigmoid                             -> x_hat in [0, 1]
  loss     mse(x_hat, x) / Var(x_train) + beta * mse(z_e, z_q.detach()), beta = 0.25
  codebook EMA (decay 0.99), Laplace smoothing eps 1e-5, as Zalando's VectorQuantizerEMA
           (codebook ~ N(0, 1), smoothed cluster sizes written back); Adam lr 1e-3, batch 128.
vae4j's transposed convolutions are 3x3 (the notebook's are 4x4) and its decoder ends in a
sigmoid on [0, 1] pixels; the peer mirrors both. vae4j adds what the notebook lacks: k-means
initialisation on the first batch and restarts of codes unused for 100 steps;
--kmeans-init and --dead-code-steps N turn the same on here.

Usage:
  python torch_vqvae.py --data DIR [--epochs 3] [--batch 128] [--threads 2] [--limit N]
                        [--max-batches N] [--seed 1] [--kmeans-init] [--dead-code-steps N]
DIR holds MNIST-style IDX files (train-images-idx3-ubyte[.gz], t10k-images-idx3-ubyte[.gz]).
Prints one JSON object per line: an 'epoch' line per epoch and a final 'result' line with
train_images_per_s (median over timed epochs, the first epoch counted as warm-up when there is
more than one), updates, and on the test set after those updates: test_mse (per pixel),
test_normalized_mse (/ the test pixels' variance, as vae4j reports it), and the codebook usage
(fraction of K) and perplexity counted over the whole test set.
"""
import argparse, gzip, json, math, os, statistics, struct, time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def read_idx_images(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        magic, n, rows, cols = struct.unpack(">IIII", f.read(16))
        if magic != 2051:
            raise SystemExit(f"{path}: not an IDX image file (magic {magic})")
        buf = np.frombuffer(f.read(n * rows * cols), dtype=np.uint8)
    return torch.from_numpy(buf.reshape(n, 1, rows, cols).astype(np.float32) / 255.0)


def find(data_dir, stem):
    for name in (stem, stem + ".gz"):
        p = os.path.join(data_dir, name)
        if os.path.exists(p):
            return p
    raise SystemExit(f"{data_dir}: no {stem}[.gz]")


class Residual(nn.Module):
    def __init__(self, c, r):
        super().__init__()
        self.c1 = nn.Conv2d(c, r, 3, padding=1, bias=False)
        self.c2 = nn.Conv2d(r, c, 1, bias=False)

    def forward(self, x):
        return x + self.c2(F.relu(self.c1(F.relu(x))))


class VectorQuantizerEMA(nn.Module):
    def __init__(self, k, d, beta, decay, eps=1e-5):
        super().__init__()
        self.k, self.d, self.beta, self.decay, self.eps = k, d, beta, decay, eps
        self.register_buffer("embedding", torch.randn(k, d))
        self.register_buffer("ema_count", torch.zeros(k))
        self.register_buffer("ema_w", self.embedding.clone())
        self.register_buffer("idle", torch.zeros(k))

    def nearest(self, flat):
        d = (flat.pow(2).sum(1, keepdim=True) - 2 * flat @ self.embedding.t()
             + self.embedding.pow(2).sum(1))
        return d.argmin(1)

    @torch.no_grad()
    def kmeans(self, flat, gen, iters=10):
        n = flat.shape[0]
        idx = torch.randperm(n, generator=gen)[:self.k] if n >= self.k else torch.randint(n, (self.k,), generator=gen)
        c = flat[idx].clone()
        for it in range(iters + 1):
            a = (flat.pow(2).sum(1, keepdim=True) - 2 * flat @ c.t() + c.pow(2).sum(1)).argmin(1)
            onehot = F.one_hot(a, self.k).float()
            sizes = onehot.sum(0)
            if it == iters:
                break
            means = onehot.t() @ flat / sizes.clamp(min=1).unsqueeze(1)
            c = torch.where(sizes.unsqueeze(1) > 0, means, c)
        self.embedding.copy_(c)
        self.ema_count.copy_(sizes)
        self.ema_w.copy_(c * sizes.unsqueeze(1))

    def forward(self, z, dead_code_steps=0, gen=None):
        # z [B, D, h, w] -> rows [B*h*w, D]
        flat = z.permute(0, 2, 3, 1).reshape(-1, self.d)
        idx = self.nearest(flat.detach())
        onehot = F.one_hot(idx, self.k).float()
        q = (onehot @ self.embedding).view(z.shape[0], z.shape[2], z.shape[3], self.d).permute(0, 3, 1, 2)
        commitment = F.mse_loss(z, q.detach())
        if self.training:
            with torch.no_grad():
                n = onehot.sum(0)
                self.ema_count.mul_(self.decay).add_(n, alpha=1 - self.decay)
                total = self.ema_count.sum()
                self.ema_count.copy_((self.ema_count + self.eps) / (total + self.k * self.eps) * total)
                self.ema_w.mul_(self.decay).add_(onehot.t() @ flat.detach(), alpha=1 - self.decay)
                self.embedding.copy_(self.ema_w / self.ema_count.unsqueeze(1))
                self.idle.add_(1).mul_((n == 0).float())
                if dead_code_steps > 0:
                    dead = (self.idle >= dead_code_steps).nonzero().flatten()
                    if dead.numel() > 0:
                        rows = torch.randint(flat.shape[0], (dead.numel(),), generator=gen)
                        self.embedding[dead] = flat.detach()[rows]
                        self.ema_w[dead] = flat.detach()[rows]
                        self.ema_count[dead] = 1.0
                        self.idle[dead] = 0
        st = z + (q - z).detach()
        return st, commitment, idx


class VQVAE(nn.Module):
    def __init__(self, hidden=64, res=32, k=512, d=64, beta=0.25, decay=0.99):
        super().__init__()
        self.enc = nn.Sequential(
            nn.Conv2d(1, hidden // 2, 4, 2, 1), nn.ReLU(), nn.Conv2d(hidden // 2, hidden, 4, 2, 1), nn.ReLU(),
            nn.Conv2d(hidden, hidden, 3, padding=1), Residual(hidden, res), Residual(hidden, res), nn.ReLU(),
            nn.Conv2d(hidden, d, 1))
        self.vq = VectorQuantizerEMA(k, d, beta, decay)
        self.dec = nn.Sequential(
            nn.Conv2d(d, hidden, 3, padding=1), Residual(hidden, res), Residual(hidden, res), nn.ReLU(),
            nn.ConvTranspose2d(hidden, hidden // 2, 3, 2, 1, output_padding=1), nn.ReLU(),
            nn.ConvTranspose2d(hidden // 2, 1, 3, 2, 1, output_padding=1))

    def forward(self, x, dead_code_steps=0, gen=None):
        st, commitment, idx = self.vq(self.enc(x), dead_code_steps, gen)
        return torch.sigmoid(self.dec(st)), commitment, idx


def usage_perplexity(counts):
    p = counts / counts.sum()
    nz = p[p > 0]
    return (counts > 0).float().mean().item(), math.exp(-(nz * nz.log()).sum().item())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--limit", type=int, default=0, help="train on the first N images (0 = all)")
    ap.add_argument("--max-batches", type=int, default=0, help="cap batches per epoch (0 = all)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--codebook-size", type=int, default=512)
    ap.add_argument("--code-dim", type=int, default=64)
    ap.add_argument("--commitment", type=float, default=0.25)
    ap.add_argument("--ema-decay", type=float, default=0.99)
    ap.add_argument("--kmeans-init", action="store_true", help="k-means codebook on the first batch, as vae4j")
    ap.add_argument("--dead-code-steps", type=int, default=0, help="restart codes idle this long (vae4j: 100)")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    gen = torch.Generator().manual_seed(a.seed)
    train = read_idx_images(find(a.data, "train-images-idx3-ubyte"))
    if a.limit > 0:
        train = train[:a.limit]
    test = read_idx_images(find(a.data, "t10k-images-idx3-ubyte"))
    variance = train.var().item()
    model = VQVAE(k=a.codebook_size, d=a.code_dim, beta=a.commitment, decay=a.ema_decay)
    opt = torch.optim.Adam(model.parameters(), lr=a.lr)
    n = train.shape[0]
    per_epoch = n if a.max_batches <= 0 else min(n, a.max_batches * a.batch)
    rates, updates = [], 0
    for ep in range(a.epochs):
        model.train()
        t0 = time.perf_counter()
        perm = torch.randperm(n)[:per_epoch]
        sq, counts = 0.0, torch.zeros(a.codebook_size)
        for s in range(0, per_epoch, a.batch):
            x = train[perm[s:s + a.batch]]
            if updates == 0 and a.kmeans_init:
                with torch.no_grad():
                    z = model.enc(x)
                    model.vq.kmeans(z.permute(0, 2, 3, 1).reshape(-1, a.code_dim), gen)
            opt.zero_grad(set_to_none=True)
            x_hat, commitment, idx = model(x, a.dead_code_steps, gen)
            mse = F.mse_loss(x_hat, x)
            loss = mse / variance + a.commitment * commitment
            loss.backward()
            opt.step()
            updates += 1
            sq += mse.item() * x.shape[0]
            counts += torch.bincount(idx, minlength=a.codebook_size).float()
        secs = time.perf_counter() - t0
        rates.append(per_epoch / secs)
        use, ppl = usage_perplexity(counts)
        print(json.dumps({"epoch": ep, "seconds": round(secs, 3), "images_per_s": round(per_epoch / secs, 1),
                          "train_mse": round(sq / per_epoch, 6), "train_codebook_usage": round(use, 4),
                          "train_perplexity": round(ppl, 2)}), flush=True)
    model.eval()
    with torch.no_grad():
        sq, counts = 0.0, torch.zeros(a.codebook_size)
        for s in range(0, test.shape[0], 1000):
            x = test[s:s + 1000]
            x_hat, _, idx = model(x)
            sq += F.mse_loss(x_hat, x, reduction="sum").item()
            counts += torch.bincount(idx, minlength=a.codebook_size).float()
    test_mse = sq / test.numel()
    use, ppl = usage_perplexity(counts)
    timed = rates[1:] if len(rates) > 1 else rates
    print(json.dumps({"result": True, "peer": "pytorch", "torch": torch.__version__, "model": "vqvae",
                      "threads": torch.get_num_threads(), "batch": a.batch, "epochs": a.epochs,
                      "train_images": per_epoch, "updates": updates, "lr": a.lr,
                      "kmeans_init": a.kmeans_init, "dead_code_steps": a.dead_code_steps,
                      "train_images_per_s": round(statistics.median(timed), 1),
                      "test_mse": round(test_mse, 6),
                      "test_normalized_mse": round(test_mse / test.var().item(), 5),
                      "test_codebook_usage": round(use, 4), "test_perplexity": round(ppl, 2)}), flush=True)


if __name__ == "__main__":
    main()
