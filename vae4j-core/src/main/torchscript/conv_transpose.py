"""Generates vae4j-core/src/main/resources/org/vae4j/model/conv_transpose2d_s{1,2}.pt (committed).

Two TorchScript modules whose forward is PyTorch's transposed 2-D convolution with a 3x3
kernel and padding 1: stride 2 with output padding 1 (the up-sampling layer of Keras' and
PyTorch's convolutional VAEs, H x W -> 2H x 2W), and stride 1 (their output layer, H x W ->
H x W; measured faster in libtorch than the equivalent plain convolution, whose oneDNN backward
is slow for one output channel). DJL's PyTorch engine has no transposed convolution
(its Conv2dTranspose throws "Not implemented"); libtorch has one, and running it through this
module keeps libtorch's autograd: vae4j calls it with DJL's IValueUtils.forward(block, inputs,
training=true), so gradients flow to the input, weight and bias like for any other op.

vae4j only loads the generated file (libtorch 2.7.1 reads it); Python is needed only to
regenerate them:  python3 conv_transpose.py OUT_DIR   (tested with torch 2.13).
ConvTranspose2dTest checks it against hand-computed values and the adjoint of DJL's conv2d.
"""
import os
import sys

import torch


class ConvTranspose2dS2(torch.nn.Module):
    def forward(self, x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        # weight: [C_in, C_out, 3, 3] (PyTorch's layout for transposed convolutions).
        # Channels-last: libtorch's oneDNN path for transposed convolutions; its output stays
        # channels-last through the ReLU into the next layer (a no-op conversion there).
        x = x.contiguous(memory_format=torch.channels_last)
        # The bias is added here, not passed to conv_transpose2d: for channels-last tensors
        # oneDNN computes the bias gradient with its reference (scalar, strided) kernel, which
        # perf showed at 6.4% of a conv VAE training step; autograd's sum for the broadcast add
        # is vectorised. In place, since the convolution's backward does not need its output.
        y = torch.conv_transpose2d(x, weight, None, stride=2, padding=1, output_padding=1)
        return y.add_(bias.view(1, -1, 1, 1))


class ConvTranspose2dS1(torch.nn.Module):
    def forward(self, x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        x = x.contiguous(memory_format=torch.channels_last)
        y = torch.conv_transpose2d(x, weight, None, stride=1, padding=1)
        return y.add_(bias.view(1, -1, 1, 1)).contiguous()


if __name__ == "__main__":
    out = sys.argv[1]
    torch.jit.script(ConvTranspose2dS2()).save(os.path.join(out, "conv_transpose2d_s2.pt"))
    torch.jit.script(ConvTranspose2dS1()).save(os.path.join(out, "conv_transpose2d_s1.pt"))
