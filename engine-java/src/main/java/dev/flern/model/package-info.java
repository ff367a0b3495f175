/**
 * Models as the engine sees them: a signature (inputs and outputs with shapes), a forward pass the
 * query generator stages into a query's own program, and weights packed in native memory. The ML
 * extension implements {@link dev.flern.model.ModelLoader}; the engine depends on nothing of it.
 */
package dev.flern.model;
