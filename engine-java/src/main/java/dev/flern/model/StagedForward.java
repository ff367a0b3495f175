package dev.flern.model;

/**
 * A model's forward pass staged into a query's program as a function object named {@code functor},
 * called as {@code functor{}(rows, scratch, workspace, slotTable, packedWeights, inputs...,
 * outputs...)}: {@code rows} batch rows, {@code scratch} at least {@code rows · scratchPerRow}
 * floats, {@code workspace} at least {@link Model#workspaceFloats()} floats, {@code slotTable} the
 * address {@link #slotTable} (int64 offsets of this pass's weights in the packed weights), the
 * inputs and the staged outputs row-major with the batch first. It runs on the calling thread.
 */
public record StagedForward(String functor, long scratchPerRow, long slotTable) {}
