package dev.flern.model;

import java.util.List;

/** A model's inputs and outputs, in the model's order. */
public record ModelSignature(List<ModelTensor> inputs, List<ModelTensor> outputs) {
  public ModelSignature {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }

  /** Elements per row over all inputs: how many values PREDICT's arguments must make. */
  public long featuresPerRow() {
    return inputs.stream().mapToLong(ModelTensor::perRow).sum();
  }
}
