/**
 * Turns generated C++ into loaded native code, and binds the native runtime.
 *
 * <ul>
 *   <li>{@link dev.flern.compile.CacheDirectory}: the private (0700, owner-only) directory that holds
 *       every library Flern loads.
 *   <li>{@link dev.flern.compile.NativeBundle}: the runtime library and headers carried as classpath
 *       resources, unpacked once per content digest into the cache.
 *   <li>{@link dev.flern.compile.CompilerLocator}: finds the C++ compiler and its identity.
 *   <li>{@link dev.flern.compile.CompileService}: source → {@link dev.flern.compile.CompiledLibrary},
 *       through a content-addressed disk cache that concurrent threads and processes share safely.
 *   <li>{@link dev.flern.compile.NativeRuntime}: Panama downcall handles for the runtime's C ABI
 *       (docs/CONTRACTS.md §3).
 * </ul>
 *
 * The cache is a code-loading path, so it is guarded: the directory must belong to the current user
 * and be writable by nobody else, every file is written under a temporary name and renamed
 * atomically, and a library is loaded only under the name its key (computed from the source in hand)
 * hashes to.
 */
package dev.flern.compile;
