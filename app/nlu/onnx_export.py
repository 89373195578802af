"""Turn the packaged MiniLM safetensors into an int8 ONNX sentence encoder, once, without torch.

The BERT graph is written out op by op with onnx.helper (embeddings, 6 encoder layers, mean pooling
and L2 normalisation inside the graph), then quantized per channel by onnxruntime. Only this export
needs the `onnx` package; running the result needs onnxruntime and tokenizers.
"""
from __future__ import annotations

import json
import logging
import os
import tempfile
from pathlib import Path

import numpy as np


class ExportError(RuntimeError):
    """The model could not be exported; the message says what is missing."""


def _builder():
    try:
        import onnx
        from onnx import TensorProto, helper, numpy_helper
        from safetensors.numpy import load_file
    except ImportError as exc:
        raise ExportError(f"exporting the sentence model needs `pip install onnx safetensors` ({exc})") from None
    return onnx, TensorProto, helper, numpy_helper, load_file


def build_graph(model_dir: Path):
    """Return an ONNX ModelProto computing normalised mean-pooled MiniLM embeddings."""
    onnx, TensorProto, helper, numpy_helper, load_file = _builder()
    config = json.loads((model_dir / "config.json").read_text())
    weights = load_file(str(model_dir / "model.safetensors"))
    prefix = "" if "embeddings.word_embeddings.weight" in weights else "bert."
    hidden, heads = int(config["hidden_size"]), int(config["num_attention_heads"])
    layers, eps = int(config["num_hidden_layers"]), float(config.get("layer_norm_eps", 1e-12))
    inits, nodes = [], []

    def const(name: str, array: np.ndarray) -> str:
        inits.append(numpy_helper.from_array(np.ascontiguousarray(array), name))
        return name

    def w(name: str) -> np.ndarray:
        return weights[prefix + name].astype(np.float32)

    def node(op: str, inputs: list[str], out: str, **attrs) -> str:
        nodes.append(helper.make_node(op, inputs, [out], name=out, **attrs))
        return out

    def linear(x: str, name: str, out: str) -> str:
        mm = node("MatMul", [x, const(f"{name}.wT", w(f"{name}.weight").T)], f"{out}.mm")
        return node("Add", [mm, const(f"{name}.b", w(f"{name}.bias"))], out)

    def layer_norm(x: str, name: str, out: str) -> str:
        return node("LayerNormalization", [x, const(f"{name}.g", w(f"{name}.weight")),
                                           const(f"{name}.beta", w(f"{name}.bias"))], out, axis=-1, epsilon=eps)

    word = node("Gather", [const("word_emb", w("embeddings.word_embeddings.weight")), "input_ids"], "word")
    length = node("Shape", ["input_ids"], "seq_len", start=1, end=2)
    pos = node("Slice", [const("pos_emb", w("embeddings.position_embeddings.weight")),
                         const("zero_1d", np.array([0], dtype=np.int64)), length,
                         const("axis0", np.array([0], dtype=np.int64))], "pos")
    summed = node("Add", [node("Add", [word, pos], "word_pos"),
                          const("type_emb", w("embeddings.token_type_embeddings.weight")[0])], "emb_sum")
    h = layer_norm(summed, "embeddings.LayerNorm", "emb_ln")
    mask = node("Cast", ["attention_mask"], "mask_f", to=TensorProto.FLOAT)
    inverted = node("Sub", [const("one_f", np.array(1.0, dtype=np.float32)), mask], "mask_inv")
    mask_bias = node("Unsqueeze", [node("Mul", [inverted, const("neg_big", np.array(-1e4, dtype=np.float32))], "mask_neg"),
                                   const("axes12", np.array([1, 2], dtype=np.int64))], "mask_bias")
    split = const("split_shape", np.array([0, 0, heads, hidden // heads], dtype=np.int64))
    merge = const("merge_shape", np.array([0, 0, hidden], dtype=np.int64))
    scale = const("scale", np.array(1.0 / np.sqrt(hidden // heads), dtype=np.float32))
    inv_sqrt2 = const("inv_sqrt2", np.array(1.0 / np.sqrt(2.0), dtype=np.float32))
    half, one = const("half", np.array(0.5, dtype=np.float32)), "one_f"
    for i in range(layers):
        p = f"encoder.layer.{i}."

        def heads_of(kind: str, perm: list[int]) -> str:
            x = linear(h, p + f"attention.self.{kind}", f"l{i}.{kind}")
            return node("Transpose", [node("Reshape", [x, split], f"l{i}.{kind}.r")], f"l{i}.{kind}.t", perm=perm)

        q, k, v = heads_of("query", [0, 2, 1, 3]), heads_of("key", [0, 2, 3, 1]), heads_of("value", [0, 2, 1, 3])
        scores = node("Add", [node("Mul", [node("MatMul", [q, k], f"l{i}.qk"), scale], f"l{i}.qk_s"), mask_bias], f"l{i}.scores")
        probs = node("Softmax", [scores], f"l{i}.probs", axis=-1)
        ctx = node("Transpose", [node("MatMul", [probs, v], f"l{i}.ctx")], f"l{i}.ctx_t", perm=[0, 2, 1, 3])
        ctx = node("Reshape", [ctx, merge], f"l{i}.ctx_m")
        attn = linear(ctx, p + "attention.output.dense", f"l{i}.attn_out")
        h = layer_norm(node("Add", [attn, h], f"l{i}.res1"), p + "attention.output.LayerNorm", f"l{i}.ln1")
        inner = linear(h, p + "intermediate.dense", f"l{i}.inter")
        erf = node("Erf", [node("Mul", [inner, inv_sqrt2], f"l{i}.g1")], f"l{i}.g2")
        gelu = node("Mul", [node("Mul", [inner, half], f"l{i}.g3"), node("Add", [erf, one], f"l{i}.g4")], f"l{i}.gelu")
        out = linear(gelu, p + "output.dense", f"l{i}.out")
        h = layer_norm(node("Add", [out, h], f"l{i}.res2"), p + "output.LayerNorm", f"l{i}.ln2")
    mask3 = node("Unsqueeze", [mask, const("axis2", np.array([2], dtype=np.int64))], "mask3")
    total = node("ReduceSum", [node("Mul", [h, mask3], "masked"), const("axis1", np.array([1], dtype=np.int64))], "tok_sum", keepdims=0)
    count = node("Max", [node("ReduceSum", [mask3, "axis1"], "tok_count", keepdims=0),
                         const("tiny", np.array(1e-9, dtype=np.float32))], "tok_count_safe")
    pooled = node("Div", [total, count], "pooled")
    node("LpNormalization", [pooled], "embedding", axis=-1, p=2)
    graph = helper.make_graph(
        nodes, "minilm_sentence",
        [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "seq"]),
         helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "seq"])],
        [helper.make_tensor_value_info("embedding", TensorProto.FLOAT, ["batch", hidden])],
        inits,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="frontdesk")
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


def export_int8(model_dir: Path, target: Path) -> Path:
    """Write the int8 (per-channel) encoder to `target` atomically and return it."""
    onnx = _builder()[0]
    try:
        from onnxruntime.quantization import QuantType, quantize_dynamic
    except ImportError as exc:
        raise ExportError(f"quantizing the sentence model needs onnxruntime ({exc})") from None
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as scratch:
        fp32 = Path(scratch) / "fp32.onnx"
        onnx.save(build_graph(model_dir), str(fp32))
        int8 = Path(scratch) / "int8.onnx"
        logging.disable(logging.WARNING)  # the quantizer's advice about pre-processing goes to the root logger
        try:
            quantize_dynamic(str(fp32), str(int8), per_channel=True, weight_type=QuantType.QInt8,
                             op_types_to_quantize=["MatMul"])
        finally:
            logging.disable(logging.NOTSET)
        os.replace(int8, target)
    return target
