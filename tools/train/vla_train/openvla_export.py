"""OpenVLA-family (Llama-based) models -> our model package: the recipe of docs/model-package.md ("Exporting an
OpenVLA-family (Llama-based) model") as code, and a check of it on a small randomly initialised stand-in.

The check (transformers 5, onnxruntime, sentencepiece; writes about 1 MB):

    cd tools/train && python3 -m vla_train.openvla_export --tiny-random OUT_PACKAGE --reference OUT_REFERENCE

builds an OpenVLA-shaped model (a random transformers LlamaForCausalLM behind a patch-convolution backbone and an
MLP projector), exports it with the functions below, writes the PyTorch reference in fixture.py's format
(tiny-vla-reference: reference.json + reference.bin) and runs the package in ONNX Runtime against transformers.
Exit status 1 when a logit differs by more than 1e-4 or the greedy tokens differ.

A real OpenVLA goes through the same write_package. Not run yet: it needs a transformers under which OpenVLA's
remote code loads (it was written for 4.40; AutoModelForVision2Seq is the 4.x name), and the fp32 7B decoder
(over 2 GB) comes out with its weights in external data files beside decoder.onnx:

    vla = AutoModelForVision2Seq.from_pretrained("openvla/openvla-7b", trust_remote_code=True,
                                                 torch_dtype=torch.float32).eval()
    openvla_export.write_package(vla, "tokenizer.model", "openvla-7b", "openvla-7b", image_size=224,
                                 max_length=320, unnorm_key="bridge_orig")

with tokenizer.model from the model repository, crop_scale=0.9 for checkpoints trained with image augmentation,
and norms=((mean, std) of DINOv2, (mean, std) of SigLIP) from the processor if they differ from DINO and SIGLIP."""
import argparse
import os
import shutil
import sys
import warnings
from types import SimpleNamespace

import numpy as np
import torch
import yaml
from torch import nn

from . import actions, images
from .config import ACTION_BINS, ACTION_DIMS
from .export import OPSET, _ManifestDumper, decoder_example, decoder_manifest, statistics_manifest
from .fixture import INSTRUCTION, write_reference
from .model import causal_bias
from .tokenizer import PROMPT_TEMPLATE, prompt

# OpenVLA's fused backbone reads two copies of the image: DINOv2's (ImageNet statistics), then SigLIP's.
DINO = ((0.485, 0.456, 0.406), (0.229, 0.224, 0.225))
SIGLIP = ((0.5, 0.5, 0.5), (0.5, 0.5, 0.5))
TOLERANCE = 1e-4
FIXTURE_TOKENIZER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "tests",
                                 "VlaRosNode.Policy.Tests", "Fixtures", "llama-tokenizer", "tokenizer.model")


class Vision(nn.Module):
    """pixel_values [b, 1, 3, H, W] holding x / 255 -> visual tokens [b, tokens, hidden]: both normalisations are
    baked in, so the manifest declares mean 0 and std 1."""

    def __init__(self, backbone, projector, norms=(DINO, SIGLIP)):
        super().__init__()
        self.backbone, self.projector = backbone, projector
        for i, (mean, std) in enumerate(norms):
            self.register_buffer(f"mean{i}", torch.tensor(mean).view(1, 3, 1, 1))
            self.register_buffer(f"std{i}", torch.tensor(std).view(1, 3, 1, 1))

    def forward(self, pixel_values):
        x = pixel_values[:, 0]
        fused = torch.cat([(x - self.mean0) / self.std0, (x - self.mean1) / self.std1], dim=1)
        return self.projector(self.backbone(fused))


class Decoder(nn.Module):
    """(inputs_embeds, attention_mask, position_ids, *past) -> (logits, *present) over a transformers Llama, past and
    present flattened as key, value per layer."""

    def __init__(self, lm):
        super().__init__()
        self.lm = lm

    def forward(self, inputs_embeds, attention_mask, position_ids, *past):
        cache = cache_from(past)
        # A 4D mask is used as given (transformers' masking_utils returns it unchanged): building it here keeps the
        # library's mask code, whose sizes come from Python ints at trace time, out of the graph.
        mask = causal_bias(attention_mask, inputs_embeds.shape[1]).to(inputs_embeds.dtype)
        out = self.lm(inputs_embeds=inputs_embeds, attention_mask=mask, position_ids=position_ids,
                      past_key_values=cache, use_cache=True)
        return (out.logits, *cache_tensors(cache))


def cache_from(past):
    """A DynamicCache holding [key 0, value 0, key 1, ...]. Since transformers 4.56 a layer's first update
    concatenates onto torch.tensor([]), a rank-1 constant that the TorchScript exporter can leave in the Concat
    (invalid ONNX): the library's update creates each layer, then the layer is given the past tensors themselves."""
    from transformers import DynamicCache
    cache = DynamicCache()
    for i in range(len(past) // 2):
        cache.update(past[2 * i], past[2 * i + 1], i)
        if hasattr(cache, "layers"):
            cache.layers[i].keys, cache.layers[i].values = past[2 * i], past[2 * i + 1]
    return cache


def cache_tensors(cache):
    """[key 0, value 0, key 1, ...] of a DynamicCache: transformers >= 4.56 keeps them in cache.layers, older
    versions in key_cache / value_cache."""
    if hasattr(cache, "layers"):
        pairs = [(layer.keys, layer.values) for layer in cache.layers]
    else:
        pairs = zip(cache.key_cache, cache.value_cache)
    return [t for pair in pairs for t in pair]


def use_eager(lm):
    """Eager attention: the SDPA path may test the mask's values (skip it when all ones) and bake that into a trace."""
    if hasattr(lm, "set_attn_implementation"):
        lm.set_attn_implementation("eager")
    else:
        lm.config._attn_implementation = "eager"
    if lm.config._attn_implementation != "eager":
        raise RuntimeError(f"attention implementation is {lm.config._attn_implementation!r}, not 'eager'")
    return lm


def cache_dims(config):
    """(layers, KV heads, head_dim) of a Llama config."""
    heads = getattr(config, "num_key_value_heads", None) or config.num_attention_heads
    head_dim = getattr(config, "head_dim", None) or config.hidden_size // config.num_attention_heads
    return config.num_hidden_layers, heads, head_dim


def onnx_export(module, args, path, inputs, outputs, axes):
    """The TorchScript exporter (dynamic_axes), which torch >= 2.9 selects with dynamo=False; older torch has no
    such keyword and uses it anyway."""
    kwargs = dict(input_names=inputs, output_names=outputs, dynamic_axes=axes, opset_version=OPSET)
    try:
        torch.onnx.export(module, args, path, dynamo=False, **kwargs)
    except TypeError as e:
        if "dynamo" not in str(e):
            raise
        torch.onnx.export(module, args, path, **kwargs)


def export_decoder(lm, path):
    """One graph for prefill, decode and verify, traced with a padded key (export.decoder_example)."""
    layers, heads, head_dim = cache_dims(lm.config)
    args, names_in, names_out, axes = decoder_example(layers, heads, head_dim, lm.config.hidden_size, padded_key=True)
    onnx_export(Decoder(lm), args, path, names_in, names_out, axes)


def sentencepiece(path):
    import sentencepiece as spm
    return spm.SentencePieceProcessor(model_file=path)


def space_id(sp):
    """The empty '▁' piece OpenVLA appends after the prompt (29871 in Llama's vocabulary)."""
    piece = sp.piece_to_id("\u2581")
    if piece == sp.unk_id():
        raise ValueError("the tokenizer has no '\u2581' piece")
    return piece


def manifest(vla, sp, name, image_size, tokens_per_camera, max_length, crop_scale, unnorm_key):
    lm = vla.language_model
    layers, heads, head_dim = cache_dims(lm.config)
    vocab = lm.get_output_embeddings().weight.shape[0]  # the padded logits width (OpenVLA: 32064)
    decoder = decoder_manifest("decoder.onnx", SimpleNamespace(hidden_size=lm.config.hidden_size,
                                                               max_positions=max_length), layers, heads, vocab)
    decoder["cache"]["head_dim"] = head_dim  # Llama's, not hidden_size / KV heads (they differ under GQA)
    stats = {k: v["action"] for k, v in vla.norm_stats.items()}
    return {
        "format": "vla-model-package/1",
        "name": name,
        "tokenizer": {"type": "llama-sentencepiece", "file": "tokenizer.model"},
        "prompt": {"template": PROMPT_TEMPLATE, "lowercase_instruction": True, "bos_token_id": sp.bos_id(),
                   "append_token_ids": [space_id(sp)]},
        "image": {"cameras": ["agent"], "height": image_size, "width": image_size, "crop_scale": crop_scale,
                  "resize": "bilinear", "mean": [0.0, 0.0, 0.0], "std": [1.0, 1.0, 1.0]},
        "vision": {"file": "vision.onnx", "input": "pixel_values", "output": "visual_tokens",
                   "tokens_per_camera": tokens_per_camera},
        "embed": {"file": "embed.onnx", "input": "input_ids", "output": "inputs_embeds"},
        "decoder": decoder,
        # Action ids count down from the tokenizer's vocabulary (OpenVLA: 32000), not from the padded logits.
        "action": {"rule": "openvla", "dimensions": ACTION_DIMS, "bins": ACTION_BINS,
                   "vocab_size": sp.get_piece_size()},
        "statistics": statistics_manifest(stats, unnorm_key or next(iter(stats))),
    }


def write_package(vla, tokenizer_model, out, name, image_size, max_length, crop_scale=1.0, unnorm_key=None,
                  norms=(DINO, SIGLIP)):
    """vla: vision_backbone, projector, language_model (LlamaForCausalLM), norm_stats, as OpenVLA's. Writes
    vision.onnx, embed.onnx, decoder.onnx, tokenizer.model and manifest.yaml to `out`; returns the Vision module."""
    lm = use_eager(vla.language_model).eval()
    vision = Vision(vla.vision_backbone, vla.projector, norms).eval()
    os.makedirs(out, exist_ok=True)
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore", torch.jit.TracerWarning)
        pixels = torch.zeros(1, 1, 3, image_size, image_size)
        tokens_per_camera = vision(pixels).shape[1]
        onnx_export(vision, (pixels,), os.path.join(out, "vision.onnx"), ["pixel_values"], ["visual_tokens"],
                    {"pixel_values": {0: "batch"}, "visual_tokens": {0: "batch"}})
        onnx_export(lm.get_input_embeddings(), (torch.zeros(1, 3, dtype=torch.long),), os.path.join(out, "embed.onnx"),
                    ["input_ids"], ["inputs_embeds"],
                    {"input_ids": {0: "batch", 1: "sequence"}, "inputs_embeds": {0: "batch", 1: "sequence"}})
        export_decoder(lm, os.path.join(out, "decoder.onnx"))
    shutil.copyfile(tokenizer_model, os.path.join(out, "tokenizer.model"))
    m = manifest(vla, sentencepiece(tokenizer_model), name, image_size, tokens_per_camera, max_length, crop_scale,
                 unnorm_key)
    with open(os.path.join(out, "manifest.yaml"), "w") as f:
        yaml.dump(m, f, Dumper=_ManifestDumper, sort_keys=False, default_flow_style=None, width=120)
    return vision


# --- the check on a tiny random stand-in ---------------------------------------------------------------------------

TINY_IMAGE, TINY_KEY, TINY_MAX_LENGTH = 56, "tiny_random", 64  # 1 bos + 16 visual + 36 prompt + 7 actions = 60


class PatchBackbone(nn.Module):
    """Stand-in for prismatic's fused featurizer: 6 channels -> one width-32 feature per 14x14 patch."""

    def __init__(self):
        super().__init__()
        self.patch, self.norm = nn.Conv2d(6, 32, 14, stride=14), nn.LayerNorm(32)

    def forward(self, pixels):
        return self.norm(self.patch(pixels).flatten(2).transpose(1, 2))


def tiny_random_openvla(tokenizer_vocab):
    """OpenVLA's parts at toy size: logits padded by 64 ids past the tokenizer's vocabulary, as 32000 -> 32064."""
    from transformers import LlamaConfig, LlamaForCausalLM
    torch.manual_seed(0)
    backbone = PatchBackbone()
    projector = nn.Sequential(nn.Linear(32, 64), nn.GELU(), nn.Linear(64, 64))
    lm = LlamaForCausalLM(LlamaConfig(vocab_size=tokenizer_vocab + 64, hidden_size=64, intermediate_size=128,
                                      num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=4,
                                      max_position_embeddings=64, rms_norm_eps=1e-6))
    rng = np.random.default_rng(1)
    q01 = rng.uniform(-1.0, 0.0, ACTION_DIMS)
    q99 = q01 + rng.uniform(0.1, 1.0, ACTION_DIMS)
    stats = {"q01": q01.tolist(), "q99": q99.tolist(), "mask": [True] * (ACTION_DIMS - 1) + [False]}
    return SimpleNamespace(vision_backbone=backbone, projector=projector, language_model=lm,
                           norm_stats={TINY_KEY: {"action": stats}})


def prompt_ids(sp):
    """The ids after [bos], as the C# PromptBuilder makes them: the prompt's ids without <s>, then the '▁' id."""
    return list(sp.encode(prompt(INSTRUCTION))) + [space_id(sp)]


def hf_reference(vla, vision, sp, raw):
    """transformers' own forward (its DynamicCache, its positions, a 2D mask of ones), greedy over the 7 action ids."""
    lm, embed = vla.language_model, vla.language_model.get_input_embeddings()
    ids = prompt_ids(sp)
    pixels = images.preprocess(raw, TINY_IMAGE, 1.0, [0.0] * 3, [1.0] * 3)[None]  # [cameras = 1, 3, H, W]
    ones = lambda n: torch.ones(1, n, dtype=torch.long)
    with torch.no_grad():
        visual = vision(torch.from_numpy(pixels).unsqueeze(0))
        prefix = torch.cat([embed(torch.tensor([[sp.bos_id()]])), visual, embed(torch.tensor([ids]))], dim=1)
        n = prefix.shape[1]
        out = lm(inputs_embeds=prefix, attention_mask=ones(n), use_cache=True)
        prefill, cache = out.logits[0], out.past_key_values
        tokens, decode = [int(prefill[-1].argmax())], []
        while len(tokens) < ACTION_DIMS:
            out = lm(inputs_embeds=embed(torch.tensor([tokens[-1:]])), attention_mask=ones(n + len(tokens)),
                     past_key_values=cache, use_cache=True)
            cache = out.past_key_values
            decode.append(out.logits[0, -1])
            tokens.append(int(decode[-1].argmax()))
        cache = lm(inputs_embeds=prefix, attention_mask=ones(n), use_cache=True).past_key_values
        verify = lm(inputs_embeds=embed(torch.tensor([tokens])), attention_mask=ones(n + len(tokens)),
                    past_key_values=cache, use_cache=True).logits[0]
    stats = vla.norm_stats[TINY_KEY]["action"]
    values = {"pixel_values": pixels, "visual_tokens": visual[0], "prefill_logits": prefill,
              "decode_logits": torch.stack(decode), "verify_logits": verify,
              "action": actions.decode(tokens, sp.get_piece_size(), stats["q01"], stats["q99"], stats["mask"])}
    meta = {"instruction": INSTRUCTION, "unnorm_key": TINY_KEY, "images": raw[None].tolist(), "prompt_ids": ids,
            "prefill_length": n, "greedy_tokens": tokens}
    return meta, {k: np.asarray(v, dtype=np.float32) for k, v in values.items()}


def ort_check(package, meta, values, embed):
    """The package in ONNX Runtime the way the C# engine drives it: max |difference| per stage, and greedy tokens."""
    import onnxruntime as ort
    with open(os.path.join(package, "manifest.yaml")) as f:
        m = yaml.safe_load(f)
    session = lambda name: ort.InferenceSession(os.path.join(package, name), providers=["CPUExecutionProvider"])
    vision, embedder, decoder = session("vision.onnx"), session("embed.onnx"), session("decoder.onnx")
    d, cache = m["decoder"], m["decoder"]["cache"]
    past_names = [t.format(layer=i) for i in range(cache["layers"]) for t in (d["past_key"], d["past_value"])]
    present_names = [t.format(layer=i) for i in range(cache["layers"]) for t in (d["present_key"], d["present_value"])]
    empty = [np.zeros((1, cache["heads"], 0, cache["head_dim"]), np.float32)] * len(past_names)

    def embed_ids(ids):
        return embedder.run(["inputs_embeds"], {"input_ids": np.array([ids], np.int64)})[0]

    def forward(embeds, past):
        length, s = past[0].shape[2], embeds.shape[1]
        feeds = {"inputs_embeds": embeds, "attention_mask": np.ones((1, length + s), np.int64),
                 "position_ids": np.arange(length, length + s, dtype=np.int64)[None], **dict(zip(past_names, past))}
        logits, *present = decoder.run(["logits", *present_names], feeds)
        return logits[0], present

    diff = lambda a, b: float(np.max(np.abs(np.asarray(a, np.float32) - np.asarray(b, np.float32))))
    visual = vision.run(["visual_tokens"], {"pixel_values": values["pixel_values"][None]})[0]
    ids = [m["prompt"]["bos_token_id"]] + meta["prompt_ids"]
    embeds = embed_ids(ids)
    with torch.no_grad():
        diffs = {"vision": diff(visual[0], values["visual_tokens"]),
                 "embed": diff(embeds[0], embed(torch.tensor(ids)))}
    prefix = np.concatenate([embeds[:, :1], visual, embeds[:, 1:]], axis=1)
    logits, past = forward(prefix, empty)
    diffs["prefill"] = diff(logits, values["prefill_logits"])
    tokens, decode = [int(logits[-1].argmax())], []
    while len(tokens) < ACTION_DIMS:
        logits, past = forward(embed_ids(tokens[-1:]), past)
        decode.append(logits[-1])
        tokens.append(int(logits[-1].argmax()))
    diffs["decode"] = diff(np.stack(decode), values["decode_logits"])
    _, past = forward(prefix, empty)
    diffs["verify"] = diff(forward(embed_ids(meta["greedy_tokens"]), past)[0], values["verify_logits"])
    return diffs, tokens


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--tiny-random", required=True, metavar="OUT_PACKAGE",
                   help="package folder to write from a random OpenVLA-shaped model")
    p.add_argument("--reference", required=True, metavar="OUT_REFERENCE",
                   help="folder for reference.json and reference.bin (transformers' values)")
    args = p.parse_args(argv)
    import onnx
    import onnxruntime
    import transformers

    sp = sentencepiece(FIXTURE_TOKENIZER)
    vla = tiny_random_openvla(sp.get_piece_size())
    vision = write_package(vla, FIXTURE_TOKENIZER, args.tiny_random, "openvla-tiny-random", TINY_IMAGE,
                           TINY_MAX_LENGTH, unnorm_key=TINY_KEY)
    raw = np.random.default_rng(0).integers(0, 256, (TINY_IMAGE, TINY_IMAGE, 3), dtype=np.uint8)
    meta, values = hf_reference(vla, vision, sp, raw)
    write_reference(args.reference, meta, values)
    diffs, ort_tokens = ort_check(args.tiny_random, meta, values, vla.language_model.get_input_embeddings())

    print(f"transformers {transformers.__version__}, torch {torch.__version__}, onnx {onnx.__version__}, "
          f"onnxruntime {onnxruntime.__version__}")
    for folder in (args.tiny_random, args.reference):
        sizes = ", ".join(f"{f} {os.path.getsize(os.path.join(folder, f)) / 1024:.0f} KB"
                          for f in sorted(os.listdir(folder)))
        print(f"{folder}: {sizes}")
    print(f"prefix {meta['prefill_length']} tokens (prompt ids {meta['prompt_ids']})")
    print("max |onnxruntime - transformers|: " + ", ".join(f"{k} {v:.2e}" for k, v in diffs.items())
          + f" (limit {TOLERANCE:g})")
    print(f"greedy tokens: transformers {meta['greedy_tokens']}, onnxruntime {ort_tokens}")
    print(f"action: {[round(float(a), 4) for a in values['action']]}")
    ok = max(diffs.values()) <= TOLERANCE and ort_tokens == meta["greedy_tokens"]
    print("OK" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
