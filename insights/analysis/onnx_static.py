"""Fixed (calibrated) activation scales for the int8 ONNX export.

ONNX Runtime's `quantize_dynamic` quantises each MatMul input at run time with one
uint8 scale for the whole batch tensor, so the loudest text of a batch set every
other text's resolution: a text's vector depended on its batch (batched against
one-by-one cosine 0.989 on average, 0.957 at worst), and the embedding cache kept
whichever vector the first run happened to compute, so the same corpus could
cluster differently after another run had filled the cache.

`fix_activation_scales` replaces every ``DynamicQuantizeLinear`` with a
``QuantizeLinear`` whose scale and zero point are constants: the range that input
takes over `calibration_texts` (the shipped taxonomies' labels, descriptions and
examples in English and French, alone and joined into long texts). Each product
then runs as one ``MatMulIntegerToFloat`` with the weights' per-channel scales and
the bias folded in, so nothing in the model depends on the other rows of a batch.

Measured on 3,174 evaluation texts (airline, NHS, Alexa, French reviews): 0 vectors
differ between batchings (3,169 did before); mean cosine to fp32 0.9894 (dynamic
0.9899), worst 0.949 (0.952); 300 long CFPB narratives 0.9939 (0.9942); same speed
(5.1-5.2 s against 5.2-5.3 s). One scale per token was also tried: closer to fp32
(0.9955) and invariant too, but 25-35 % slower, since the row scales cannot be
folded into ONNX Runtime's fused kernels.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from insights.analysis.onnx_feeds import length_batches, padded_feeds

__all__ = ["calibration_digest", "calibration_texts", "fix_activation_scales"]

_JOINED = 12  # calibration sentences per long text
_TOKEN_BUDGET = 4096


def calibration_texts() -> list[str]:
    """The shipped taxonomies' texts (en + fr), then runs of them joined into long texts."""
    from insights.taxonomies import load_taxonomy, none_examples, preset_names

    texts: list[str] = []
    for preset in preset_names():
        taxonomy = load_taxonomy(preset)
        for label in (*taxonomy.stages, *taxonomy.touchpoints, *taxonomy.emotions):
            for lang in ("en", "fr"):
                texts.append(label.label.get(lang, ""))
                texts.append(label.description.get(lang, ""))
                texts.extend(label.examples.get(lang, ()))
    texts.extend(none_examples())
    unique = [text for text in dict.fromkeys(texts) if text.strip()]
    joined = [" ".join(unique[i : i + _JOINED]) for i in range(0, len(unique), _JOINED)]
    return unique + joined


def calibration_digest() -> str:
    """Hash of what `calibration_texts` is built from, part of the export's fingerprint.

    The bytes of the shipped taxonomy files, of this module and of `onnx_feeds`
    (batching), and the onnxruntime version that measures the ranges; not the texts
    themselves: parsing four presets would cost every run ~0.2 s.
    """
    import importlib.metadata
    from importlib import resources

    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update(Path(__file__).with_name("onnx_feeds.py").read_bytes())
    digest.update(importlib.metadata.version("onnxruntime").encode())
    folder = resources.files("insights.taxonomies")
    for name in sorted(entry.name for entry in folder.iterdir() if entry.name.endswith(".yaml")):
        digest.update(f"\0{name}\0".encode() + folder.joinpath(name).read_bytes())
    return digest.hexdigest()


def fix_activation_scales(model: Any, tokenizer: Any) -> None:
    """Rewrite `quantize_dynamic`'s graph `model` in place.

    Args:
        model: The loaded ONNX model; a copy of it is run once by ONNX Runtime to
            measure the activation ranges.
        tokenizer: The model's `tokenizers.Tokenizer` (truncation set, no padding).

    Raises:
        ValueError: the graph is not the pattern `quantize_dynamic` writes.
    """
    inputs = [n.input[0] for n in model.graph.node if n.op_type == "DynamicQuantizeLinear"]
    if not inputs:
        raise ValueError("no dynamically quantised MatMul in the graph")
    ranges = _measure(model, inputs, tokenizer, calibration_texts())
    _rewrite(model, ranges)


def _measure(
    model: Any, names: Sequence[str], tokenizer: Any, texts: Sequence[str]
) -> dict[str, tuple[float, float]]:
    """Smallest and largest value of each tensor in `names` over the tokens of `texts`."""
    from onnx import ModelProto, TensorProto, helper

    from insights.analysis.onnx_export import import_onnxruntime

    ort = import_onnxruntime()
    probe = ModelProto()
    probe.CopyFrom(model)
    known = {output.name for output in probe.graph.output}
    probe.graph.output.extend(
        helper.make_tensor_value_info(name, TensorProto.FLOAT, None)
        for name in names
        if name not in known
    )
    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
    session = ort.InferenceSession(
        probe.SerializeToString(), options, providers=["CPUExecutionProvider"]
    )
    low = dict.fromkeys(names, 0.0)  # the range always includes 0, as quantize_dynamic's
    high = dict.fromkeys(names, 0.0)
    ids = [encoding.ids for encoding in tokenizer.encode_batch(list(texts))]
    lengths = np.fromiter((len(tokens) for tokens in ids), dtype=np.int64, count=len(ids))
    for rows in length_batches(lengths, _TOKEN_BUDGET):
        feeds, mask = padded_feeds([ids[row] for row in rows])
        for name, values in zip(names, session.run(list(names), feeds), strict=True):
            real = values[mask.astype(bool)] if values.ndim == 3 else values  # no padding rows
            low[name] = min(low[name], float(real.min()))
            high[name] = max(high[name], float(real.max()))
    return {name: (low[name], high[name]) for name in names}


def _rewrite(model: Any, ranges: dict[str, tuple[float, float]]) -> None:
    from onnx import helper, numpy_helper

    graph = model.graph
    initializers = {tensor.name for tensor in graph.initializer}
    producer = {name: node for node in graph.node for name in node.output}
    consumers: dict[str, list[Any]] = {}
    for node in graph.node:
        for name in node.input:
            consumers.setdefault(name, []).append(node)

    activation_scales: set[str] = set()
    replaced: set[int] = set()
    nodes: list[Any] = []
    for node in graph.node:
        if node.op_type == "DynamicQuantizeLinear":
            quantised, scale, zero_point = node.output
            low, high = ranges[node.input[0]]
            step = max(high - low, 1e-6) / 255.0
            zero = int(np.clip(round(-low / step), 0, 255))
            graph.initializer.extend(
                [
                    numpy_helper.from_array(np.array(step, dtype=np.float32), scale),
                    numpy_helper.from_array(np.array(zero, dtype=np.uint8), zero_point),
                ]
            )
            nodes.append(
                helper.make_node("QuantizeLinear", [node.input[0], scale, zero_point], [quantised])
            )
            activation_scales.add(scale)
        elif node.op_type == "MatMulInteger":
            cast = _only_consumer(consumers, node.output[0], "Cast")
            rescale = _only_consumer(consumers, cast.output[0], "Mul")
            others = [i for i in rescale.input if i != cast.output[0]]
            scales = producer.get(others[0]) if len(others) == 1 else None
            if scales is None or scales.op_type != "Mul" or len(consumers[scales.output[0]]) != 1:
                raise ValueError(f"unexpected rescaling after {node.name!r}")
            activation = [i for i in scales.input if i in activation_scales]
            weight = [i for i in scales.input if i in initializers]
            if len(activation) != 1 or len(weight) != 1:
                raise ValueError(f"unexpected scales of {node.name!r}")
            output, bias = rescale.output[0], []
            after = consumers.get(output, [])
            if len(after) == 1 and after[0].op_type == "Add":
                addends = [i for i in after[0].input if i != output]
                outputs = {o.name for o in graph.output}
                if len(addends) == 1 and _is_vector(graph, addends[0]) and output not in outputs:
                    output, bias = after[0].output[0], addends
                    replaced.add(id(after[0]))
            a, b, a_zero, b_zero = node.input
            nodes.append(
                helper.make_node(
                    "MatMulIntegerToFloat",
                    [a, b, activation[0], weight[0], a_zero, b_zero, *bias],
                    [output],
                    domain="com.microsoft",
                )
            )
            replaced.update(id(n) for n in (cast, rescale, scales))
        else:
            nodes.append(node)
    kept = [node for node in nodes if id(node) not in replaced]
    del graph.node[:]
    graph.node.extend(kept)
    if not any(opset.domain == "com.microsoft" for opset in model.opset_import):
        model.opset_import.append(helper.make_opsetid("com.microsoft", 1))


def _only_consumer(consumers: dict[str, list[Any]], name: str, op_type: str) -> Any:
    found = consumers.get(name, [])
    if len(found) != 1 or found[0].op_type != op_type:
        raise ValueError(f"expected one {op_type} after {name!r}")
    return found[0]


def _is_vector(graph: Any, name: str) -> bool:
    return any(t.name == name and len(t.dims) == 1 for t in graph.initializer)
