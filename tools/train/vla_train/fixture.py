"""Builds the C# tests' fixture: a tiny package (briefly trained on synthetic data) plus reference values
computed by PyTorch for prefill, greedy decode, a 7-token verify, the drafter and image preprocessing.

    cd tools/train && /usr/bin/python3 -m vla_train.fixture ../../tests/VlaRosNode.Policy.Tests/Fixtures
    vla model quantize ../../tests/VlaRosNode.Policy.Tests/Fixtures/tiny-vla   # its int8 and int4 variants

Writes <out>/tiny-vla (the package) and <out>/tiny-vla-reference/{reference.json, reference.bin}:
reference.bin holds float32 arrays back to back; reference.json names each with its offset and shape."""
import json
import os
import sys
import tempfile

import numpy as np
import torch

from . import actions, images, tokenizer
from .export import write_package
from .model import VlaModel
from .runs import load_trained
from .train import main as train_main

INSTRUCTION = "Pick up the red cube"


def write_reference(out, meta, values):
    """reference.json (meta, plus each array's offset and shape) and reference.bin (the float32 arrays back to back):
    the layout the C# tests' Reference reads."""
    index, chunks, offset = {}, [], 0
    for name, value in values.items():
        a = np.ascontiguousarray(np.asarray(value, dtype=np.float32))
        index[name] = {"offset": offset, "shape": list(a.shape)}
        chunks.append(a.tobytes())
        offset += a.size
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "reference.json"), "w") as f:
        json.dump({**meta, "arrays": index}, f)
    with open(os.path.join(out, "reference.bin"), "wb") as f:
        f.write(b"".join(chunks))


def greedy(decoder, embed, prefix, steps):
    """Prefill `prefix`, then feed each argmax back: returns tokens, prefill logits, decode logits, cache."""
    n = prefix.shape[1]
    out = decoder(prefix, torch.ones(1, n, dtype=torch.long), torch.arange(n).unsqueeze(0))
    prefill_logits, past = out[0][0], out[1:]
    tokens, decode_logits = [int(prefill_logits[-1].argmax())], []
    for _ in range(steps - 1):
        total = n + len(tokens)
        out = decoder(embed(torch.tensor([[tokens[-1]]])), torch.ones(1, total, dtype=torch.long),
                      torch.tensor([[total - 1]]), *past)
        past = out[1:]
        decode_logits.append(out[0][0, 0])
        tokens.append(int(out[0][0, 0].argmax()))
    return tokens, prefill_logits, torch.stack(decode_logits)


def reference(model, tok, stats, rng):
    cfg = model.cfg
    raw = rng.integers(0, 256, (len(cfg.cameras), 20, 24, 3), dtype=np.uint8)
    pixels = np.stack([images.preprocess(r, cfg.image_size, cfg.crop_scale, cfg.image_mean, cfg.image_std)
                       for r in raw])
    prompt_ids = tok.encode(tokenizer.prompt(INSTRUCTION))
    with torch.no_grad():
        visual = model.vision(torch.from_numpy(pixels).unsqueeze(0))
        prefix = torch.cat([model.embed(torch.tensor([[tok.bos_id]])), visual,
                            model.embed(torch.tensor([prompt_ids]))], dim=1)
        tokens, prefill, decode = greedy(model.decoder, model.embed, prefix, 7)
        n = prefix.shape[1]
        past = model.decoder(prefix, torch.ones(1, n, dtype=torch.long), torch.arange(n).unsqueeze(0))[1:]
        verify = model.decoder(model.embed(torch.tensor([tokens])), torch.ones(1, n + 7, dtype=torch.long),
                               torch.arange(n, n + 7).unsqueeze(0), *past)[0][0]
        draft_tokens, draft_prefill, draft_decode = greedy(model.drafter, model.embed, prefix, 7)
    key = next(iter(stats))
    s = stats[key]
    action = actions.decode(tokens, model.vocab_size, s["q01"], s["q99"], s["mask"])
    values = {"pixel_values": pixels, "visual_tokens": visual[0], "prefill_logits": prefill, "decode_logits": decode,
              "verify_logits": verify, "drafter_prefill_logits": draft_prefill, "drafter_decode_logits": draft_decode,
              "action": action}
    meta = {"instruction": INSTRUCTION, "unnorm_key": key, "images": raw.tolist(), "prompt_ids": prompt_ids,
            "prefill_length": n, "greedy_tokens": tokens, "drafter_greedy_tokens": draft_tokens}
    return meta, values


def main(argv=None):
    out = (argv or sys.argv[1:])[0]
    with tempfile.TemporaryDirectory() as run:
        train_main(["--data", "synthetic:256:1", "--preset", "fixture", "--steps", "60", "--batch", "16",
                    "--lr", "3e-3", "--checkpoint-every", "60", "--out", run])
        model, _, tok, statistics, _ = load_trained(run)
    write_package(model, tok, statistics, "synthetic", os.path.join(out, "tiny-vla"), "tiny-vla-fixture")
    meta, values = reference(model, tok, statistics, np.random.default_rng(7))
    write_reference(os.path.join(out, "tiny-vla-reference"), meta, values)
    print(f"greedy tokens {meta['greedy_tokens']}, drafter {meta['drafter_greedy_tokens']}")


if __name__ == "__main__":
    main()
