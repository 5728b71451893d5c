"""Trains target and drafter together; deterministic and resumable.

    /usr/bin/python3 -m vla_train.train --data synthetic:2000 --preset small --steps 3000 --out runs/small

The batch of step n is drawn from a generator seeded with (seed, n), and the checkpoint (written
atomically every --checkpoint-every steps and at the end) holds model, optimiser and step, so a run
stopped anywhere and resumed with the same command ends with the same weights as an uninterrupted one."""
import argparse
import json
import math
import os

import numpy as np
import torch
import torch.nn.functional as F

from . import actions
from .batches import Encoded
from .config import PRESETS, ModelConfig, ACTION_DIMS
from .data import load_sources
from .model import VlaModel
from .runs import read_checkpoint
from .tokenizer import WordTokenizer


def set_deterministic(seed, threads=2, device="cpu"):
    torch.manual_seed(seed)
    torch.set_num_threads(threads)
    if device == "cpu":
        torch.use_deterministic_algorithms(True)
    else:
        # cuBLAS is deterministic only with a fixed workspace (set before CUDA starts); a CUDA op without a
        # deterministic kernel warns instead of stopping a run on a lent machine (none warned in the H200 runs).
        os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")
        torch.use_deterministic_algorithms(True, warn_only=True)


def action_logits(decoder, embeds, mask, positions):
    """The logits that predict the 7 action tokens, each from the position before it (teacher-forced)."""
    return decoder(embeds, mask, positions)[0][:, -ACTION_DIMS - 1:-1]


def action_loss(decoder, embeds, mask, positions, targets):
    """Cross-entropy of the 7 action tokens."""
    logits = action_logits(decoder, embeds, mask, positions)
    return F.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1))


def learning_rate(step, args):
    """Warm-up, stable, decay: linear warm-up over --warmup steps, --lr until --decay-from, then a cosine decay
    to a tenth of --lr at --steps. A pure function of the step, so a resumed run follows the same schedule."""
    warm = min(1.0, (step + 1) / args.warmup) if args.warmup > 0 else 1.0
    start = min(args.decay_from, args.steps)
    progress = max(step - start, 0) / max(args.steps - start, 1)
    return args.lr * warm * (0.1 + 0.45 * (1.0 + math.cos(math.pi * min(progress, 1.0))))


def train_step(model, data, index, optimiser, shift=0, rng=None):
    pixels, bos, prompt, acts, mask, positions = data.batch(index, model.cfg.visual_tokens, shift, rng)
    embeds = model.sequence(pixels, bos, prompt, acts)
    target_loss = action_loss(model.decoder, embeds, mask, positions, acts)
    # The drafter learns from the same data on the target's (frozen) embeddings: a shallow copy of the task.
    draft_loss = action_loss(model.drafter, embeds.detach(), mask, positions, acts)
    optimiser.zero_grad()
    (target_loss + draft_loss).backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    optimiser.step()
    return target_loss.item(), draft_loss.item()


def save_atomic(obj, path):
    tmp = path + ".tmp"
    torch.save(obj, tmp)
    os.replace(tmp, path)


def build(args):
    """Model, tokenizer and statistics for a fresh run, or restored from the run's checkpoint."""
    if os.path.exists(os.path.join(args.out, "checkpoint.pt")):
        ck = read_checkpoint(args.out)
        cfg = ModelConfig.from_dict(ck["config"])
        tok, stats = WordTokenizer(ck["vocab"]), ck["statistics"]
        return cfg, tok, stats, ck
    cfg = PRESETS[args.preset]
    return cfg, None, None, None


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", required=True, action="append",
                   help="demonstration source, e.g. synthetic:2000; repeat to train on several (the first names the statistics)")
    p.add_argument("--preset", default="small", choices=sorted(PRESETS))
    p.add_argument("--steps", type=int, default=3000)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--lr", type=float, default=3e-4)
    p.add_argument("--warmup", type=int, default=100, help="steps of linear learning-rate warm-up")
    p.add_argument("--decay-from", type=int, default=0, help="step where the cosine decay of the learning rate starts")
    p.add_argument("--shift", type=int, default=0,
                   help="augmentation: move each training image by up to this many pixels (0: none)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--device", default="cpu",
                   help="torch device to train on, e.g. cuda on a lent GPU machine (the dataset moves there whole)")
    p.add_argument("--checkpoint-every", type=int, default=100)
    p.add_argument("--stop-at", type=int, default=0,
                   help="stop (with a checkpoint) after this step, as an interruption would; rerun to continue (0: --steps)")
    p.add_argument("--out", required=True, help="run folder: checkpoint.pt and log.jsonl")
    args = p.parse_args(argv)
    os.makedirs(args.out, exist_ok=True)

    set_deterministic(args.seed, args.threads, args.device)
    cfg, tok, stats, ck = build(args)
    source = load_sources(args.data, cfg.cameras)
    if tok is None:
        tok = WordTokenizer.build(s.instruction for s in source.samples)
        stats = {source.name: source.statistics or actions.statistics([s.action for s in source.samples])}
    data = Encoded(source, cfg, tok, stats[source.name]).to(args.device)
    model = VlaModel(cfg, len(tok.words) + actions.ACTION_BINS).to(args.device)
    optimiser = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    step = 0
    if ck is not None:
        model.load_state_dict(ck["model"])
        optimiser.load_state_dict(ck["optimiser"])
        step = ck["step"]
        print(f"resuming {args.out} at step {step}")

    with open(os.path.join(args.out, "log.jsonl"), "a") as log:
        stop = min(args.stop_at, args.steps) if args.stop_at > 0 else args.steps
        while step < stop:
            rng = np.random.default_rng([args.seed, step])
            index = torch.from_numpy(rng.choice(len(data), size=min(args.batch, len(data)), replace=False))
            for group in optimiser.param_groups:
                group["lr"] = learning_rate(step, args)
            target_loss, draft_loss = train_step(model, data, index, optimiser, args.shift, rng)
            step += 1
            log.write(json.dumps({"step": step, "target_loss": target_loss, "drafter_loss": draft_loss}) + "\n")
            if step % args.checkpoint_every == 0 or step == stop:
                log.flush()
                save_atomic({"model": model.state_dict(), "optimiser": optimiser.state_dict(), "step": step,
                             "config": cfg.to_dict(), "vocab": tok.words, "statistics": stats},
                            os.path.join(args.out, "checkpoint.pt"))
                print(f"step {step}: target loss {target_loss:.4f}, drafter loss {draft_loss:.4f}", flush=True)


if __name__ == "__main__":
    main()
