import argparse
import os
import tempfile
import unittest

import onnx
import torch
import yaml

from vla_train import export, train


class TrainExportTest(unittest.TestCase):
    def train(self, out, steps, stop_at=0, preset="fixture", extra=()):
        train.main(["--data", "synthetic:48:3", "--preset", preset, "--steps", str(steps), "--batch", "8",
                    "--checkpoint-every", "3", "--warmup", "2", "--stop-at", str(stop_at), "--out", out, *extra])
        return torch.load(os.path.join(out, "checkpoint.pt"))

    def test_resumed_training_equals_uninterrupted(self):
        with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
            straight = self.train(a, 4)
            self.assertEqual(self.train(b, 4, stop_at=2)["step"], 2, "stopped between checkpoints")
            resumed = self.train(b, 4)
        self.assertEqual(resumed["step"], 4)
        for name, tensor in straight["model"].items():
            self.assertTrue(torch.equal(tensor, resumed["model"][name]), name)

    def test_several_data_sources_train_as_one_under_the_first_ones_name(self):
        from vla_train.data import load_sources
        joined = load_sources(["synthetic:5:1", "synthetic:3:2"], ["front", "wrist"])
        self.assertEqual((joined.name, len(joined.samples)), ("synthetic", 8))
        self.assertTrue((joined.samples[5].images == load_sources(["synthetic:3:2"], ["front", "wrist"]).samples[0].images).all())
        with tempfile.TemporaryDirectory() as run:
            train.main(["--data", "synthetic:8:1", "--data", "synthetic:8:2", "--preset", "fixture", "--steps", "1",
                        "--batch", "16", "--out", run])
            self.assertEqual(torch.load(os.path.join(run, "checkpoint.pt"))["step"], 1)

    def test_learning_rate_warms_up_holds_then_decays_to_a_tenth(self):
        args = argparse.Namespace(lr=1.0, warmup=10, decay_from=50, steps=100)
        rates = [train.learning_rate(step, args) for step in range(101)]
        self.assertAlmostEqual(rates[0], 0.1)
        self.assertAlmostEqual(rates[9], 1.0)
        self.assertEqual(rates[10:51], [1.0] * 41)
        decay = rates[50:]
        self.assertTrue(all(a > b for a, b in zip(decay, decay[1:])), decay)
        self.assertAlmostEqual(rates[100], 0.1)

    def test_export_writes_a_checked_package(self):
        with tempfile.TemporaryDirectory() as run, tempfile.TemporaryDirectory() as out:
            self.train(run, 2)
            export.main(["--run", run, "--out", out])
            with open(os.path.join(out, "manifest.yaml")) as f:
                manifest = yaml.safe_load(f)
            for graph in ["vision.onnx", "embed.onnx", "decoder.onnx", "drafter.onnx"]:
                onnx.checker.check_model(onnx.load(os.path.join(out, graph)))
            decoder = onnx.load(os.path.join(out, "decoder.onnx")).graph
        self.assertEqual(manifest["format"], "vla-model-package/1")
        self.assertEqual(manifest["action"]["vocab_size"], manifest["decoder"]["vocab_size"])
        self.assertEqual(manifest["decoder"]["files"], {"fp32": "decoder.onnx"}, "variants come from vla model quantize")
        inputs = [i.name for i in decoder.input]
        self.assertEqual(inputs[:3], ["inputs_embeds", "attention_mask", "position_ids"])
        self.assertIn("past_key_values.1.value", inputs)
        self.assertIn("present.1.value", [o.name for o in decoder.output])

    def test_cnn_stem_trains_with_shifted_images_and_exports(self):
        with tempfile.TemporaryDirectory() as run, tempfile.TemporaryDirectory() as out:
            self.train(run, 2, preset="fixture-cnn", extra=["--shift", "2"])
            export.main(["--run", run, "--out", out])
            vision = onnx.load(os.path.join(out, "vision.onnx"))
            with open(os.path.join(out, "manifest.yaml")) as f:
                manifest = yaml.safe_load(f)
        onnx.checker.check_model(vision)
        self.assertIn("Conv", {node.op_type for node in vision.graph.node})
        self.assertEqual(manifest["vision"]["tokens_per_camera"], 4, "a 16x16 image in 8x8 patches")
        self.assertEqual(manifest["image"]["height"], 16)


if __name__ == "__main__":
    unittest.main()
