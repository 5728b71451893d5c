"""Precision variants: int8 weight-only copies of a decoder graph, with onnx + numpy only.

Each MatMul whose weight is a 2-D float initializer becomes DequantizeLinear(int8 weight, per-output-column
scale) -> MatMul. ONNX Runtime (1.31, CPU) fuses the pattern into an 8-bit MatMulNBits kernel; activations
stay fp32. Symmetric: scale = max |w| over the input axis / 127, zero point 0."""
import numpy as np
import onnx
from onnx import helper, numpy_helper


def int8_weight_only(source, target):
    model = onnx.load(source)
    graph = model.graph
    weights = {init.name: init for init in graph.initializer}
    nodes = []
    for node in graph.node:
        w = weights.get(node.input[1]) if node.op_type == "MatMul" and len(node.input) == 2 else None
        if w is None or len(w.dims) != 2 or w.data_type != onnx.TensorProto.FLOAT:
            nodes.append(node)
            continue
        values = numpy_helper.to_array(w)
        scale = np.maximum(np.abs(values).max(axis=0), 1e-12).astype(np.float32) / 127.0
        q = np.clip(np.rint(values / scale), -127, 127).astype(np.int8)
        base = w.name.replace(":", "_")
        graph.initializer.extend([numpy_helper.from_array(q, base + "_int8"),
                                  numpy_helper.from_array(scale, base + "_scale"),
                                  numpy_helper.from_array(np.zeros(scale.shape, np.int8), base + "_zero")])
        nodes.append(helper.make_node("DequantizeLinear", [base + "_int8", base + "_scale", base + "_zero"],
                                      [base + "_dequantized"], axis=1))
        nodes.append(helper.make_node("MatMul", [node.input[0], base + "_dequantized"], list(node.output), name=node.name))
        graph.initializer.remove(w)
    del graph.node[:]
    graph.node.extend(nodes)
    onnx.checker.check_model(model)
    onnx.save(model, target)
