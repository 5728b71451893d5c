"""The OpenVLA-shaped model: vision encoder -> visual tokens after [bos], token embedding, a decoder-only
transformer with a KV cache, and a one-layer drafter over the same embeddings.

Each part is exported as its own ONNX graph (vision.onnx, embed.onnx, decoder.onnx, drafter.onnx). The
decoder graph serves prefill, 1-token decode and k-token verify alike: the causal mask is built inside
from past length = attention_mask length - input length."""
import torch
from torch import nn


class SelfAttention(nn.Module):
    def __init__(self, width, heads):
        super().__init__()
        self.heads, self.head_dim = heads, width // heads
        self.qkv = nn.Linear(width, 3 * width, bias=False)
        self.out = nn.Linear(width, width, bias=False)

    def forward(self, x, bias, past_key=None, past_value=None):
        b, s, _ = x.shape
        q, k, v = self.qkv(x).view(b, s, 3, self.heads, self.head_dim).permute(2, 0, 3, 1, 4)
        if past_key is not None:
            k = torch.cat([past_key, k], dim=2)
            v = torch.cat([past_value, v], dim=2)
        scores = torch.matmul(q, k.transpose(-1, -2)) * (self.head_dim ** -0.5)
        if bias is not None:
            scores = scores + bias
        y = torch.matmul(torch.softmax(scores, dim=-1), v)
        return self.out(y.transpose(1, 2).reshape(b, s, -1)), k, v


class Block(nn.Module):
    """Pre-norm transformer block (LayerNorm exports as one LayerNormalization node at opset 17)."""

    def __init__(self, width, heads, ffn):
        super().__init__()
        self.norm1, self.norm2 = nn.LayerNorm(width), nn.LayerNorm(width)
        self.attn = SelfAttention(width, heads)
        self.mlp = nn.Sequential(nn.Linear(width, ffn), nn.GELU(), nn.Linear(ffn, width))

    def forward(self, x, bias=None, past_key=None, past_value=None):
        a, k, v = self.attn(self.norm1(x), bias, past_key, past_value)
        x = x + a
        return x + self.mlp(self.norm2(x)), k, v


class ConvStem(nn.Module):
    """pixels [n, 3, H, W] -> features [n, width, H / s, W / s] with s = patch_size / 2: stride-2 3x3
    convolutions, widening to vision_width, over the image and two coordinate channels (CoordConv: a
    convolution alone cannot tell where in the image it is, and where the objects are is what the policy needs)."""

    def __init__(self, cfg):
        super().__init__()
        stages = (cfg.patch_size // 2).bit_length() - 1
        if stages < 1 or 2 << stages != cfg.patch_size or cfg.image_size % cfg.patch_size:
            raise ValueError(f"cnn stem: patch_size {cfg.patch_size} must be a power of two >= 4 dividing "
                             f"image_size {cfg.image_size}")
        ramp = torch.linspace(-1.0, 1.0, cfg.image_size)
        self.register_buffer("coordinates", torch.stack([ramp.view(1, -1).expand(cfg.image_size, -1),
                                                         ramp.view(-1, 1).expand(-1, cfg.image_size)]).unsqueeze(0))
        layers, channels = [], 3 + 2
        for i in range(stages):
            width = cfg.vision_width >> (stages - 1 - i)
            layers += [nn.Conv2d(channels, width, 3, stride=2, padding=1), nn.GELU()]
            channels = width
        self.convs = nn.Sequential(*layers[:-1])  # the last convolution is the (linear) token projection

    def forward(self, pixels):
        return self.convs(torch.cat([pixels, self.coordinates.expand(pixels.shape[0], -1, -1, -1)], dim=1))


class VisionEncoder(nn.Module):
    """pixel_values [b, cameras, 3, H, W] -> visual_tokens [b, cameras * patches, d].

    Stem "patch": a ViT patch projection, one token per patch. Stem "cnn": a ConvStem to a grid twice as fine
    as the tokens', the transformer block over that grid, then each 2x2 group merged into one token (as Swin's
    patch merging), so the decoder sees as many tokens as with "patch"."""

    def __init__(self, cfg):
        super().__init__()
        self.cameras = len(cfg.cameras)
        self.merge = None
        if cfg.vision_stem == "patch":
            self.patchify = nn.Conv2d(3, cfg.vision_width, cfg.patch_size, stride=cfg.patch_size)
            grid_tokens = cfg.tokens_per_camera
        elif cfg.vision_stem == "cnn":
            self.patchify = ConvStem(cfg)
            self.merge = nn.Linear(4 * cfg.vision_width, cfg.vision_width)
            grid_tokens = 4 * cfg.tokens_per_camera
        else:
            raise ValueError(f"vision_stem {cfg.vision_stem!r}: expected 'patch' or 'cnn'")
        self.position = nn.Parameter(torch.randn(grid_tokens, cfg.vision_width) * 0.02)
        self.camera = nn.Parameter(torch.randn(self.cameras, 1, cfg.vision_width) * 0.02)
        self.block = Block(cfg.vision_width, 2, 2 * cfg.vision_width)
        self.norm = nn.LayerNorm(cfg.vision_width)
        # OpenVLA's projector: an MLP from vision width to the LLM width.
        self.projector = nn.Sequential(nn.Linear(cfg.vision_width, cfg.hidden_size), nn.GELU(),
                                       nn.Linear(cfg.hidden_size, cfg.hidden_size))

    def forward(self, pixel_values):
        b = pixel_values.shape[0]
        grid = self.patchify(pixel_values.flatten(0, 1))                          # [b*c, w, g, g]
        side, width = grid.shape[-1], grid.shape[1]
        x = grid.flatten(2).transpose(1, 2)                                       # [b*c, g*g, w]
        x = x.view(b, self.cameras, -1, width) + self.position + self.camera
        x, _, _ = self.block(x.flatten(1, 2))
        if self.merge is not None:
            half = side // 2
            x = x.view(b * self.cameras, half, 2, half, 2, width).permute(0, 1, 3, 2, 4, 5)
            x = self.merge(x.reshape(b, self.cameras * half * half, 4 * width))
        return self.projector(self.norm(x))


class TokenEmbedding(nn.Module):
    """input_ids [b, s] -> inputs_embeds [b, s, d]."""

    def __init__(self, vocab_size, width):
        super().__init__()
        self.table = nn.Embedding(vocab_size, width)

    def forward(self, input_ids):
        return self.table(input_ids)


def causal_bias(attention_mask, length):
    """Additive mask [b, 1, s, total]: query i (absolute position past + i) sees keys j <= past + i whose
    attention_mask is 1."""
    total = attention_mask.shape[1]
    past = total - length
    query = torch.arange(length, device=attention_mask.device).unsqueeze(1) + past
    key = torch.arange(total, device=attention_mask.device).unsqueeze(0)
    allowed = (key <= query).unsqueeze(0) & (attention_mask.unsqueeze(1) > 0)
    return ((~allowed).float() * -1e9).unsqueeze(1)  # float32 throughout (where() with scalars exports doubles)


class Decoder(nn.Module):
    """(inputs_embeds, attention_mask, position_ids, past k/v per layer) -> (logits, present k/v per layer)."""

    def __init__(self, vocab_size, width, layers, heads, ffn, max_positions):
        super().__init__()
        self.position = nn.Embedding(max_positions, width)
        self.blocks = nn.ModuleList(Block(width, heads, ffn) for _ in range(layers))
        self.norm = nn.LayerNorm(width)
        self.lm_head = nn.Linear(width, vocab_size, bias=False)

    def forward(self, inputs_embeds, attention_mask, position_ids, *past):
        x = inputs_embeds + self.position(position_ids)
        bias = causal_bias(attention_mask, inputs_embeds.shape[1])
        present = []
        for i, block in enumerate(self.blocks):
            pk, pv = (past[2 * i], past[2 * i + 1]) if past else (None, None)
            x, k, v = block(x, bias, pk, pv)
            present += [k, v]
        return (self.lm_head(self.norm(x)), *present)


class VlaModel(nn.Module):
    """Target (vision + embedding + decoder) and drafter (a shallow decoder over the same embeddings)."""

    def __init__(self, cfg, vocab_size):
        super().__init__()
        self.cfg, self.vocab_size = cfg, vocab_size
        self.vision = VisionEncoder(cfg)
        self.embed = TokenEmbedding(vocab_size, cfg.hidden_size)
        self.decoder = Decoder(vocab_size, cfg.hidden_size, cfg.layers, cfg.heads, cfg.ffn_size,
                               cfg.max_positions)
        self.drafter = Decoder(vocab_size, cfg.hidden_size, cfg.drafter_layers, cfg.drafter_heads,
                               cfg.drafter_ffn_size, cfg.max_positions)

    def sequence(self, pixel_values, bos_ids, prompt_ids, action_ids):
        """Embeddings of [bos][visual tokens][prompt][actions] (OpenVLA puts patches right after <bos>)."""
        e = self.embed
        return torch.cat([e(bos_ids), self.vision(pixel_values), e(prompt_ids), e(action_ids)], dim=1)
