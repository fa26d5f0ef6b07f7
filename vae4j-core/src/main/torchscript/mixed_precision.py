"""Generates the bf16 modules of vae4j's mixed precision (committed) into
vae4j-core/src/main/resources/org/vae4j/model/:

  linear_bf16.pt              y = x W^T + b            [..., in] -> [..., out]
  conv2d_s2_bf16.pt           3x3 convolution, stride 2, padding 1 (the conv encoder's layer)
  conv_transpose2d_s2_bf16.pt 3x3 transposed convolution, stride 2, padding 1, output padding 1
  conv_transpose2d_s1_bf16.pt 3x3 transposed convolution, stride 1, padding 1

Each takes fp32 input, weight and bias and returns fp32: the matrix product or convolution
runs in bf16 (oneDNN's AVX512-BF16 / AMX kernels), everything around it stays fp32. That is
what torch.autocast('cpu', torch.bfloat16) does for these ops, done by hand because DJL 0.35's
PyTorch engine cannot hold a bf16 tensor (NDArray.toType(BFLOAT16) aborts the JVM: its dtype
table stops at bool). The casts are ops of the graph, so autograd returns fp32 gradients for
the fp32 master weights: the optimizer, its state and saved models never see bf16.

The bias is added in fp32 after the product for the same reason conv_transpose.py gives (and so
that the bias gradient is an fp32 sum).

vae4j only loads the generated files (libtorch 2.7.1 reads them); Python is needed only to
regenerate them:  python3 mixed_precision.py OUT_DIR   (tested with torch 2.13).
MixedPrecisionTest checks them against the fp32 layers and their gradients.
"""
import os
import sys

import torch
import torch.nn.functional as F



class LinearBf16(torch.nn.Module):
    def forward(self, x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        return F.linear(x.to(torch.bfloat16), weight.to(torch.bfloat16)).float().add_(bias)


class Conv2dS2Bf16(torch.nn.Module):
    def forward(self, x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        y = F.conv2d(x.to(torch.bfloat16), weight.to(torch.bfloat16), None, stride=2, padding=1)
        return y.float().add_(bias.view(1, -1, 1, 1))


class ConvTranspose2dS2Bf16(torch.nn.Module):
    def forward(self, x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        # Channels-last, like the fp32 module (conv_transpose.py): oneDNN's fast path.
        x = x.to(torch.bfloat16).contiguous(memory_format=torch.channels_last)
        y = torch.conv_transpose2d(x, weight.to(torch.bfloat16), None, stride=2, padding=1,
                                   output_padding=1)
        return y.float().add_(bias.view(1, -1, 1, 1))


class ConvTranspose2dS1Bf16(torch.nn.Module):
    def forward(self, x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        x = x.to(torch.bfloat16).contiguous(memory_format=torch.channels_last)
        y = torch.conv_transpose2d(x, weight.to(torch.bfloat16), None, stride=1, padding=1)
        return y.float().add_(bias.view(1, -1, 1, 1)).contiguous()


if __name__ == "__main__":
    out = sys.argv[1]
    for name, module in [("linear_bf16", LinearBf16()), ("conv2d_s2_bf16", Conv2dS2Bf16()),
                         ("conv_transpose2d_s2_bf16", ConvTranspose2dS2Bf16()),
                         ("conv_transpose2d_s1_bf16", ConvTranspose2dS1Bf16())]:
        torch.jit.script(module).save(os.path.join(out, name + ".pt"))
