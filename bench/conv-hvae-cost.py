"""What one epoch of the published conv hierarchical VAE costs on this machine.

The "below 226 nats" anchor of issue 4 (Exemplar VAE, NeurIPS 2020, Fashion-MNIST 225.38) is a
two-level convolutional VAE with gated convolutions (VampPrior's convHVAE_2level): two conv
encoders (q(z2|x) and q(z1|x,z2)), gated dense layers between the latents, and a decoder that
runs four gated 3x3 convolutions with 64 channels at full 28x28 resolution. Its recipe trains up
to 2,000 epochs (batch 100, Adam at 5e-4, warm-up 100 epochs, early stopping after 50 epochs
without validation gain).

This script builds the same layer shapes in PyTorch (written from the paper's description; the
loss is the ELBO's reconstruction plus a stand-in for the KL terms, which cost nothing next to
the convolutions), times training steps at the given threads and prints images/s and what
100, 500 and 2,000 epochs of 50,000 images would take. vae4j runs on the same libtorch kernels,
so PyTorch's speed is the best vae4j could do with this network here.

    PY=$(../shared/peers/setup-torch.sh); $PY bench/conv-hvae-cost.py --threads 2
"""
import argparse
import json
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class GatedConv(nn.Module):
    """h = conv_h(x) * sigmoid(conv_g(x)), VampPrior's GatedConv2d."""

    def __init__(self, cin, cout, k, stride, pad):
        super().__init__()
        self.h = nn.Conv2d(cin, cout, k, stride, pad)
        self.g = nn.Conv2d(cin, cout, k, stride, pad)

    def forward(self, x):
        return self.h(x) * torch.sigmoid(self.g(x))


class GatedDense(nn.Module):
    def __init__(self, fin, fout):
        super().__init__()
        self.h = nn.Linear(fin, fout)
        self.g = nn.Linear(fin, fout)

    def forward(self, x):
        return self.h(x) * torch.sigmoid(self.g(x))


class ConvHvae(nn.Module):
    def __init__(self, z=40, fc=300, h=294):
        super().__init__()
        self.q_z2 = nn.Sequential(GatedConv(1, 32, 7, 1, 3), GatedConv(32, 32, 3, 2, 1),
                                  GatedConv(32, 64, 5, 1, 2), GatedConv(64, 64, 3, 2, 1),
                                  GatedConv(64, 6, 3, 1, 1))
        self.q_z2_head = nn.Linear(h, 2 * z)
        self.q_z1_x = nn.Sequential(GatedConv(1, 32, 3, 1, 1), GatedConv(32, 32, 3, 2, 1),
                                    GatedConv(32, 64, 3, 1, 1), GatedConv(64, 64, 3, 2, 1),
                                    GatedConv(64, 6, 3, 1, 1))
        self.q_z1_z2 = GatedDense(z, h)
        self.q_z1_joint = GatedDense(2 * h, fc)
        self.q_z1_head = nn.Linear(fc, 2 * z)
        self.p_z1 = nn.Sequential(GatedDense(z, fc), GatedDense(fc, fc), nn.Linear(fc, 2 * z))
        self.p_x_z1 = GatedDense(z, fc)
        self.p_x_z2 = GatedDense(z, fc)
        self.p_x_pre = GatedDense(2 * fc, 784)
        self.p_x = nn.Sequential(GatedConv(1, 64, 3, 1, 1), GatedConv(64, 64, 3, 1, 1),
                                 GatedConv(64, 64, 3, 1, 1), GatedConv(64, 64, 3, 1, 1),
                                 nn.Conv2d(64, 1, 1))

    def forward(self, x):
        b = x.shape[0]
        mu2, lv2 = self.q_z2_head(self.q_z2(x).reshape(b, -1)).chunk(2, 1)
        z2 = mu2 + torch.randn_like(mu2) * torch.exp(0.5 * F.hardtanh(lv2, -6, 2))
        hx = self.q_z1_x(x).reshape(b, -1)
        mu1, lv1 = self.q_z1_head(self.q_z1_joint(torch.cat([hx, self.q_z1_z2(z2)], 1))).chunk(2, 1)
        z1 = mu1 + torch.randn_like(mu1) * torch.exp(0.5 * F.hardtanh(lv1, -6, 2))
        pm, plv = self.p_z1(z2).chunk(2, 1)
        h = self.p_x_pre(torch.cat([self.p_x_z1(z1), self.p_x_z2(z2)], 1))
        logits = self.p_x(h.reshape(b, 1, 28, 28))
        rec = F.binary_cross_entropy_with_logits(logits, x, reduction="sum") / b
        # Stand-in for the two KL terms (same tensors, a few element-wise operations).
        kl = 0.5 * ((z1 - pm) ** 2 * torch.exp(-plv) + plv).sum() / b + 0.5 * (z2 ** 2).sum() / b
        return rec + kl


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--batch", type=int, default=100)
    ap.add_argument("--steps", type=int, default=12)
    ap.add_argument("--train-images", type=int, default=50000)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    model = ConvHvae()
    opt = torch.optim.Adam(model.parameters(), lr=5e-4)
    x = (torch.rand(a.batch, 1, 28, 28) < 0.3).float()
    times = []
    for step in range(a.steps + 2):
        t = time.perf_counter()
        opt.zero_grad()
        model(x).backward()
        opt.step()
        if step >= 2:  # the first steps pay for allocation and kernel selection
            times.append(time.perf_counter() - t)
    per_step = statistics.median(times)
    ips = a.batch / per_step
    epoch_s = a.train_images / ips
    print(json.dumps({
        "torch": torch.__version__, "threads": a.threads, "batch": a.batch,
        "parameters": sum(p.numel() for p in model.parameters()),
        "train_images_per_s": round(ips, 1), "epoch_s": round(epoch_s),
        "hours_for_epochs": {str(e): round(e * epoch_s / 3600, 1) for e in (100, 500, 2000)},
    }))


if __name__ == "__main__":
    main()
