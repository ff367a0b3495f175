package dev.flern.ml.ir;

import java.util.List;

/**
 * One operator of the tensor IR. Each kind is a record whose attributes are already resolved to typed
 * Java values (defaults filled in, axes made non-negative, constant inputs such as a Reshape's target
 * shape folded into attributes), so whoever stages or interprets the graph reads them directly. Every
 * node has exactly one output.
 */
public sealed interface Node
    permits GemmNode, MatMulNode, BinaryNode, UnaryNode, LeakyReluNode, GeluNode, ClipNode,
        SoftmaxNode, LayerNormNode, BatchNormNode, ConvNode, MaxPoolNode, AveragePoolNode,
        GlobalAveragePoolNode, ConcatNode, ReshapeNode, FlattenNode, TransposeNode, GatherNode,
        SqueezeNode, UnsqueezeNode, SliceNode, ReduceMeanNode, ArgMaxNode, IdentityNode {

  /** The node's name in the model (for messages); unique within a graph. */
  String name();

  /** The ONNX operator this node came from, e.g. "Conv". */
  String opType();

  /** Names of the tensors read, in operator order, optional ones left out when absent. */
  List<String> inputs();

  /** Name of the tensor written. */
  String output();

  /** "Conv node 'conv1'", for messages. */
  default String describe() {
    return opType() + " node '" + name() + "'";
  }
}
