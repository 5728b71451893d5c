"""Writes a model package: manifest.yaml, tokenizer.json, vision.onnx, embed.onnx, decoder.onnx, drafter.onnx (fp32).
The int8 and int4 variants come from the C# quantiser, run on the written package:

    /usr/bin/python3 -m vla_train.export --run runs/small --out ../../models/vla-small-sim
    vla model quantize ../../models/vla-small-sim

The format is described in docs/model-package.md; the C# ModelPackage validates everything written here."""
import argparse
import os

import torch
import yaml

from . import actions
from .config import PRESETS, ACTION_BINS, ACTION_DIMS
from .data import synthetic
from .model import VlaModel
from .runs import load_trained
from .tokenizer import WordTokenizer, PROMPT_TEMPLATE

OPSET = 17
PAST_KEY, PAST_VALUE = "past_key_values.{layer}.key", "past_key_values.{layer}.value"
PRESENT_KEY, PRESENT_VALUE = "present.{layer}.key", "present.{layer}.value"


def decoder_example(layers, heads, head_dim, hidden_size, padded_key=False):
    """(example inputs, input names, output names, dynamic axes) to trace a decoder graph with: past length 2 and 3 new
    tokens, so one graph serves prefill, decode and verify (all axes dynamic); optionally the first key padded."""
    past_len, s = 2, 3
    past = []
    names_in, names_out = ["inputs_embeds", "attention_mask", "position_ids"], ["logits"]
    axes = {"inputs_embeds": {0: "batch", 1: "sequence"}, "attention_mask": {0: "batch", 1: "total"},
            "position_ids": {0: "batch", 1: "sequence"}, "logits": {0: "batch", 1: "sequence"}}
    for i in range(layers):
        for past_t, present_t in ((PAST_KEY, PRESENT_KEY), (PAST_VALUE, PRESENT_VALUE)):
            name, out = past_t.format(layer=i), present_t.format(layer=i)
            past.append(torch.zeros(1, heads, past_len, head_dim))
            names_in.append(name)
            names_out.append(out)
            axes[name] = {0: "batch", 2: "past"}
            axes[out] = {0: "batch", 2: "total"}
    mask = torch.ones(1, past_len + s, dtype=torch.long)
    if padded_key:
        mask[0, 0] = 0
    args = (torch.zeros(1, s, hidden_size), mask, torch.arange(past_len, past_len + s).unsqueeze(0), *past)
    return args, names_in, names_out, axes


def export_decoder(decoder, cfg, layers, heads, path):
    args, names_in, names_out, axes = decoder_example(layers, heads, cfg.hidden_size // heads, cfg.hidden_size)
    torch.onnx.export(decoder, args, path, input_names=names_in, output_names=names_out,
                      dynamic_axes=axes, opset_version=OPSET)


def export_vision(vision, cfg, path):
    pixels = torch.zeros(1, len(cfg.cameras), 3, cfg.image_size, cfg.image_size)
    torch.onnx.export(vision, (pixels,), path, input_names=["pixel_values"], output_names=["visual_tokens"],
                      dynamic_axes={"pixel_values": {0: "batch"}, "visual_tokens": {0: "batch"}},
                      opset_version=OPSET)


def export_graphs(model, out):
    cfg = model.cfg
    model.eval()
    with torch.no_grad():
        export_vision(model.vision, cfg, os.path.join(out, "vision.onnx"))
        torch.onnx.export(model.embed, (torch.zeros(1, 3, dtype=torch.long),), os.path.join(out, "embed.onnx"),
                          input_names=["input_ids"], output_names=["inputs_embeds"],
                          dynamic_axes={"input_ids": {0: "batch", 1: "sequence"},
                                        "inputs_embeds": {0: "batch", 1: "sequence"}},
                          opset_version=OPSET)
        export_decoder(model.decoder, cfg, cfg.layers, cfg.heads, os.path.join(out, "decoder.onnx"))
        export_decoder(model.drafter, cfg, cfg.drafter_layers, cfg.drafter_heads, os.path.join(out, "drafter.onnx"))


def decoder_manifest(file, cfg, layers, heads, vocab_size):
    return {"files": {"fp32": file},
            "inputs_embeds": "inputs_embeds", "attention_mask": "attention_mask", "position_ids": "position_ids",
            "past_key": PAST_KEY, "past_value": PAST_VALUE, "present_key": PRESENT_KEY,
            "present_value": PRESENT_VALUE, "logits": "logits",
            "hidden_size": cfg.hidden_size, "vocab_size": vocab_size,
            "cache": {"layers": layers, "heads": heads, "head_dim": cfg.hidden_size // heads,
                      "max_length": cfg.max_positions}}


def statistics_manifest(stats, default_key):
    """The manifest's statistics: q01, q99 and mask per unnorm_key as plain lists. A key without a mask normalises
    every dimension (what OpenVLA's predict_action does then)."""
    return {"default": default_key,
            "keys": {k: {"q01": [float(x) for x in v["q01"]], "q99": [float(x) for x in v["q99"]],
                         "mask": [bool(m) for m in v.get("mask", [True] * len(v["q01"]))]} for k, v in stats.items()}}


def manifest(cfg, tok, stats, default_key, name):
    vocab_size = len(tok.words) + ACTION_BINS
    return {
        "format": "vla-model-package/1",
        "name": name,
        "tokenizer": {"type": "word-level", "file": "tokenizer.json"},
        "prompt": {"template": PROMPT_TEMPLATE, "lowercase_instruction": True, "bos_token_id": tok.bos_id,
                   "append_token_ids": []},
        "image": {"cameras": list(cfg.cameras), "height": cfg.image_size, "width": cfg.image_size,
                  "crop_scale": cfg.crop_scale, "resize": "bilinear", "mean": list(cfg.image_mean),
                  "std": list(cfg.image_std)},
        "vision": {"file": "vision.onnx", "input": "pixel_values", "output": "visual_tokens",
                   "tokens_per_camera": cfg.tokens_per_camera},
        "embed": {"file": "embed.onnx", "input": "input_ids", "output": "inputs_embeds"},
        "decoder": decoder_manifest("decoder.onnx", cfg, cfg.layers, cfg.heads, vocab_size),
        "drafter": decoder_manifest("drafter.onnx", cfg, cfg.drafter_layers, cfg.drafter_heads, vocab_size),
        "action": {"rule": "openvla", "dimensions": ACTION_DIMS, "bins": ACTION_BINS, "vocab_size": vocab_size},
        "statistics": statistics_manifest(stats, default_key),
    }


class _ManifestDumper(yaml.SafeDumper):
    """Short lists inline, strings with line breaks double-quoted (the prompt template reads as written)."""


_ManifestDumper.add_representer(str, lambda d, s: d.represent_scalar(
    "tag:yaml.org,2002:str", s, style='"' if "\n" in s else None))


def write_package(model, tok, stats, default_key, out, name):
    os.makedirs(out, exist_ok=True)
    export_graphs(model, out)
    tok.save(os.path.join(out, "tokenizer.json"))
    with open(os.path.join(out, "manifest.yaml"), "w") as f:
        yaml.dump(manifest(model.cfg, tok, stats, default_key, name), f, Dumper=_ManifestDumper, sort_keys=False,
                  default_flow_style=None, width=120)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--run", help="training run folder with checkpoint.pt")
    source.add_argument("--random", choices=sorted(PRESETS),
                        help="a randomly initialised model of this preset (for sizing and benchmarks: costs do not "
                             "depend on the weights)")
    p.add_argument("--out", required=True, help="package folder to write")
    p.add_argument("--name", default="vla-small-sim")
    args = p.parse_args(argv)
    if args.random:
        torch.manual_seed(0)
        source = synthetic(200, 0, PRESETS[args.random].cameras)
        cfg, tok = PRESETS[args.random], WordTokenizer.build(s.instruction for s in source.samples)
        model = VlaModel(cfg, len(tok.words) + actions.ACTION_BINS)
        stats = {source.name: actions.statistics([s.action for s in source.samples])}
    else:
        model, cfg, tok, stats, _ = load_trained(args.run)
    write_package(model, tok, stats, next(iter(stats)), args.out, args.name)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
