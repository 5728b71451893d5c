"""A tiny Llama-style SentencePiece BPE model (tokenizer.model) and the ids the reference sentencepiece library
gives for a few prompts, so the C# LlamaTokenizerAdapter (Microsoft.ML.Tokenizers) is checked against it.

    cd tools/train && /usr/bin/python3 -m vla_train.spm_fixture ../../tests/VlaRosNode.Policy.Tests/Fixtures/llama-tokenizer

Needs Debian's python3-sentencepiece (only to regenerate this fixture)."""
import json
import os
import sys
import tempfile

import sentencepiece as spm

from .data import SYNTHETIC_INSTRUCTIONS
from .tokenizer import prompt

TEXTS = [prompt(i) for i in SYNTHETIC_INSTRUCTIONS] + ["stack the blue cube on the red cube", "Open THE drawer!"]


def main(argv=None):
    out = (argv or sys.argv[1:])[0]
    os.makedirs(out, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = os.path.join(tmp, "corpus.txt")
        with open(corpus, "w") as f:
            f.write("\n".join(TEXTS * 20))
        # Llama's settings where they matter to encoding: BPE, byte fallback, <unk>/<s>/</s> = 0/1/2, dummy
        # prefix, no normaliser.
        spm.SentencePieceTrainer.train(input=corpus, model_prefix=os.path.join(tmp, "t"), model_type="bpe",
                                       vocab_size=320, character_coverage=1.0, byte_fallback=True, unk_id=0, bos_id=1, eos_id=2,
                                       normalization_rule_name="identity", add_dummy_prefix=True,
                                       num_threads=1, minloglevel=2)
        with open(os.path.join(tmp, "t.model"), "rb") as f:
            model = f.read()
    with open(os.path.join(out, "tokenizer.model"), "wb") as f:
        f.write(model)
    sp = spm.SentencePieceProcessor(model_proto=model)
    with open(os.path.join(out, "expected.json"), "w") as f:
        json.dump({"vocab_size": sp.get_piece_size(), "cases": [{"text": t, "ids": sp.encode(t)} for t in TEXTS]}, f, indent=1)


if __name__ == "__main__":
    main()
