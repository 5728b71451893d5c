"""Word-level tokenizer for our instructions, and OpenVLA's prompt. The C# WordLevelTokenizer reads the same file."""
import json
import re

PROMPT_TEMPLATE = "In: What action should the robot take to {instruction}?\nOut:"
PATTERN = r"[a-z0-9_]+|[^\sa-z0-9_]"   # lower-cased words and single punctuation marks
SPECIALS = ["<pad>", "<bos>", "<eos>", "<unk>"]


class WordTokenizer:
    def __init__(self, words):
        self.words = list(words)
        self.index = {w: i for i, w in enumerate(self.words)}

    @staticmethod
    def build(instructions):
        """Vocabulary = specials + every word of the prompt template and the instructions, sorted."""
        found = set()
        for text in [PROMPT_TEMPLATE] + list(instructions):
            found.update(split(text))
        return WordTokenizer(SPECIALS + sorted(found - set(SPECIALS)))

    @property
    def bos_id(self):
        return self.index["<bos>"]

    def encode(self, text):
        unk = self.index["<unk>"]
        return [self.index.get(w, unk) for w in split(text)]

    def save(self, path):
        with open(path, "w") as f:
            json.dump({"type": "word-level", "pattern": PATTERN, "lowercase": True, "unk": "<unk>",
                       "vocab": self.words}, f, indent=1)

    @staticmethod
    def load(path):
        with open(path) as f:
            return WordTokenizer(json.load(f)["vocab"])


def split(text):
    return re.findall(PATTERN, text.lower())


def prompt(instruction):
    return PROMPT_TEMPLATE.format(instruction=instruction.lower())
