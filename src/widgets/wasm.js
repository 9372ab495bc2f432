// Loads the widgets' WebAssembly (chapters-code/widgets-wasm, built into
// ./pkg/widgets_wasm.wasm by scripts/build-widgets.sh) from the book itself, and
// gives its plain exports the functions the widgets call.
//
// The module's exports take and return numbers only (see
// chapters-code/widgets-wasm/src/exports.rs). To pass numbers or text, this glue
// asks Rust for an input buffer of the right length, which answers with its
// address in the module's memory, and writes the values there through a typed
// view of that memory; after the call it copies the result out of Rust's output
// buffer. A status of 0 means the output is the result, 1 that it is a message
// (the glue broke the protocol), thrown as an Error. The book's own errors (an
// empty kernel, a stride of 0) are results: `{"ok":false,"error":"..."}`.

const OK = 0;
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** Fetch and instantiate the module; resolves to the widgets' functions. */
export async function load(url = new URL('pkg/widgets_wasm.wasm', import.meta.url)) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status} ${response.statusText}`);
  // The module imports nothing.
  const { instance } = await WebAssembly.instantiate(await response.arrayBuffer(), {});
  return bind(instance.exports);
}

function bind(wasm) {
  // Views are made afresh for every access: memory that grows gets a new buffer.
  const bytesAt = (ptr, len) => new Uint8Array(wasm.memory.buffer, ptr >>> 0, len);

  function writeNumbers(slot, values) {
    const ptr = wasm.input_f64(slot, values.length) >>> 0;
    if (ptr === 0) throw new Error(`WebAssembly has no room for ${values.length} numbers`);
    new Float64Array(wasm.memory.buffer, ptr, values.length).set(values);
  }

  function writeBytes(values) {
    const ptr = wasm.input_bytes(values.length) >>> 0;
    if (ptr === 0) throw new Error(`WebAssembly has no room for ${values.length} bytes`);
    bytesAt(ptr, values.length).set(values);
  }

  const writeText = (text) => writeBytes(encoder.encode(text));

  /** A copy of the output buffer, after a call that returned `status`. */
  function output(status) {
    const bytes = bytesAt(wasm.output_ptr(), wasm.output_len() >>> 0).slice();
    if (status !== OK) throw new Error(decoder.decode(bytes));
    return bytes;
  }

  const outputText = (status) => decoder.decode(output(status));

  // A playground the page forgets is freed when the garbage collector takes it.
  const forgotten = new FinalizationRegistry((handle) => wasm.playground_free(handle));

  /** A photo, the last filter applied to it, and its result (Rust's `Playground`). */
  class Playground {
    #handle;

    /** From RGBA bytes (as a canvas gives them); `halve` averages 2x2 blocks. */
    constructor(rgba, width, height, halve) {
      writeBytes(rgba);
      this.#handle = wasm.playground_new(width, height, halve ? 1 : 0) >>> 0;
      forgotten.register(this, this.#handle, this);
    }

    #live() {
      if (this.#handle === 0) throw new Error('this playground was freed');
      return this.#handle;
    }

    free() {
      if (this.#handle === 0) return;
      forgotten.unregister(this);
      wasm.playground_free(this.#handle);
      this.#handle = 0;
    }

    width() { return wasm.playground_width(this.#live()) >>> 0; }

    height() { return wasm.playground_height(this.#live()) >>> 0; }

    /** The gray photo as RGBA bytes. */
    photo_rgba() { return output(wasm.playground_photo_rgba(this.#live())); }

    /** Filter the photo; the JSON result as text. */
    run(kernel, size, borderMode, stride, dilation) {
      const handle = this.#live();
      writeNumbers(0, kernel);
      writeText(borderMode);
      return outputText(wasm.playground_run(handle, size, stride, dilation));
    }

    /** The filtered image as RGBA bytes, mapped to 0..255 by `mapping`. */
    output_rgba(mapping) {
      const handle = this.#live();
      writeText(mapping);
      return output(wasm.playground_output_rgba(handle));
    }

    /** The window behind output pixel (row, col), as JSON text. */
    window(row, col) { return outputText(wasm.playground_window(this.#live(), row, col)); }
  }

  return {
    /** Every step of the full convolution (or correlation) of two Float64Arrays, as JSON text. */
    slide(signal, kernel, convolution) {
      writeNumbers(0, signal);
      writeNumbers(1, kernel);
      return outputText(wasm.slide(convolution ? 1 : 0));
    },
    /** The output length along one axis, its formula and taps, as JSON text. */
    output_size(input, kernel, padding, stride, dilation, transposed, outputPadding) {
      return outputText(wasm.output_size(input, kernel, padding, stride, dilation, transposed ? 1 : 0,
        outputPadding));
    },
    /** The named kernels, one per line. */
    kernel_names() { return outputText(wasm.kernel_names()); },
    /** A named kernel's weights row by row, as a Float64Array (empty for an unknown name). */
    named_kernel(name) {
      writeText(name);
      return Float64Array.from(JSON.parse(outputText(wasm.named_kernel())));
    },
    Playground,
  };
}
