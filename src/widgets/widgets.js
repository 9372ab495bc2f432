// The book's interactive widgets. Every number they show is computed by the core
// crate, compiled to WebAssembly (chapters-code/widgets-wasm, built into ./pkg by
// scripts/build-widgets.sh) and loaded by ./wasm.js; this file only builds the
// controls and draws.
//
// A page holds `<div class="widget" data-widget="NAME">` blocks (slide, sizes,
// playground) and loads this module. Without JavaScript, or without the built
// wasm, the page's static figures still tell the story.

import { load } from './wasm.js';

const stylesheet = document.createElement('link');
stylesheet.rel = 'stylesheet';
stylesheet.href = new URL('widgets.css', import.meta.url).href;
document.head.appendChild(stylesheet);

let counter = 0;
const uid = (stem) => `w-${stem}-${++counter}`;

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child);
  return node;
}

/** A number as the widgets print it: integers as they are, others to 3 decimals. */
export function fmt(value) {
  if (value === null || value === undefined) return '?';
  if (Number.isInteger(value)) return String(value === 0 ? 0 : value);
  const rounded = Number(value.toFixed(3));
  return String(rounded === 0 ? 0 : rounded);
}

/** Numbers typed by the reader: separated by spaces or commas. */
function parseNumbers(text) {
  const parts = text.split(/[\s,;]+/).filter((p) => p.length > 0);
  const values = parts.map(Number);
  return values.every(Number.isFinite) ? values : null;
}

function labelled(text, input) {
  input.id = input.id || uid('in');
  return el('label', { for: input.id }, `${text} `, input);
}

function range(name, min, max, value) {
  const input = el('input', { type: 'range', min, max, value, step: 1 });
  const shown = el('output', { text: String(value) });
  input.addEventListener('input', () => { shown.textContent = input.value; });
  const label = labelled(name, input);
  label.append(' ', shown);
  return { input, label };
}

// ---------------------------------------------------------------- slide the kernel

const SLIDE_PRESETS = {
  'an echo: two impulses, an uneven kernel': { signal: '0 1 0 0 2 0', kernel: '3 2 1' },
  'a moving average of 2': { signal: '1 3 2 5 4', kernel: '0.5 0.5' },
  'a difference on a step': { signal: '0 0 1 1 1 0 0', kernel: '1 -1' },
};

function slideWidget(root, wasm) {
  const convolution = (root.dataset.mode ?? 'convolution') === 'convolution';
  const preset = el('select');
  for (const name of Object.keys(SLIDE_PRESETS)) preset.append(el('option', { value: name, text: name }));
  // A page may start the widget on its own example (data-signal, data-kernel).
  const first = root.dataset.signal
    ? { signal: root.dataset.signal, kernel: root.dataset.kernel ?? '1' }
    : SLIDE_PRESETS[Object.keys(SLIDE_PRESETS)[0]];
  if (root.dataset.signal) preset.prepend(el('option', { value: '', text: "this page's example" }));
  preset.value = root.dataset.signal ? '' : Object.keys(SLIDE_PRESETS)[0];
  const signal = el('input', { type: 'text', value: first.signal, class: 'w-signal', spellcheck: 'false' });
  const kernel = el('input', { type: 'text', value: first.kernel, class: 'w-kernel-text', spellcheck: 'false' });
  const name = uid('kind');
  const convRadio = el('input', { type: 'radio', name, value: 'convolution', class: 'w-conv' });
  const corrRadio = el('input', { type: 'radio', name, value: 'correlation', class: 'w-corr' });
  (convolution ? convRadio : corrRadio).checked = true;
  const kind = el('fieldset', {}, el('legend', { text: 'Compute' }),
    labelled('convolution (flip the kernel)', convRadio), labelled('cross-correlation (no flip)', corrRadio));
  const position = el('input', { type: 'range', min: 0, max: 0, value: 0, step: 1, class: 'w-position' });
  const grid = el('table', { class: 'w-grid' });
  const sum = el('p', { class: 'w-sum', 'aria-live': 'polite' });
  const error = el('p', { class: 'w-error', role: 'alert' });
  root.append(
    el('div', { class: 'w-controls' }, labelled('Preset', preset)),
    el('div', { class: 'w-controls' }, labelled('Signal x', signal), labelled('Kernel h', kernel)),
    el('div', { class: 'w-controls' }, kind),
    el('div', { class: 'w-controls' }, labelled('Output position n', position)),
    el('div', { class: 'w-scroll' }, grid), sum, error,
    el('p', { class: 'w-note', text: 'Drag the slider or use the arrow keys; edit the numbers (spaces or commas between them).' }),
  );

  function update() {
    const x = parseNumbers(signal.value);
    const h = parseNumbers(kernel.value);
    grid.replaceChildren();
    sum.textContent = '';
    if (!x || !h) {
      error.textContent = 'Type numbers separated by spaces or commas.';
      return;
    }
    const result = JSON.parse(wasm.slide(Float64Array.from(x), Float64Array.from(h), convRadio.checked));
    if (!result.ok) {
      error.textContent = result.error;
      return;
    }
    error.textContent = '';
    const steps = result.steps;
    position.max = String(steps.length - 1);
    if (Number(position.value) > steps.length - 1) position.value = String(steps.length - 1);
    const n = Number(position.value);
    const step = steps[n];
    const k = h.length;
    const lo = -(k - 1);
    const hi = x.length + k - 2;
    const header = el('tr', {}, el('th', { scope: 'row', text: 'index' }));
    const sig = el('tr', { class: 'w-signal-row' }, el('th', { scope: 'row', text: 'x' }));
    const ker = el('tr', { class: 'w-weights' },
      el('th', { scope: 'row', text: convRadio.checked ? 'h flipped' : 'h' }));
    const prod = el('tr', { class: 'w-products' }, el('th', { scope: 'row', text: 'product' }));
    const out = el('tr', { class: 'w-output' }, el('th', { scope: 'row', text: 'y' }));
    for (let i = lo; i <= hi; i++) {
      const inside = i >= 0 && i < x.length;
      header.append(el('th', { scope: 'col', text: String(i) }));
      sig.append(el('td', { class: inside ? '' : 'w-pad', text: inside ? fmt(x[i]) : '0' }));
      const j = i - step.start;
      const under = j >= 0 && j < k;
      ker.append(el('td', { class: under ? 'w-on' : 'w-empty', text: under ? fmt(step.weights[j]) : '' }));
      prod.append(el('td', { class: under ? 'w-on' : 'w-empty', text: under ? fmt(step.products[j]) : '' }));
      // Output m sits under the last signal index its kernel covers, m - (k - 1) + (k - 1) = m.
      const m = i + k - 1;
      const shown = m >= 0 && m <= n;
      out.append(el('td', { class: m === n ? 'w-on' : (shown ? '' : 'w-empty'), text: shown ? fmt(result.output[m]) : '' }));
    }
    grid.append(el('caption', { text: `Output y[${n}]: the kernel covers x[${step.start}] to x[${step.start + k - 1}]; y[m] is written under x[m]` }),
      header, sig, ker, prod, out);
    const terms = step.products.map((p) => (p < 0 ? `(${fmt(p)})` : fmt(p))).join(' + ');
    sum.replaceChildren(`y[${n}] = ${terms} = `, el('strong', { class: 'w-sum-value', text: fmt(step.sum) }));
  }

  preset.addEventListener('change', () => {
    const chosen = SLIDE_PRESETS[preset.value] ?? first;
    signal.value = chosen.signal;
    kernel.value = chosen.kernel;
    position.value = '0';
    update();
  });
  for (const input of [signal, kernel, position, convRadio, corrRadio]) input.addEventListener('input', update);
  for (const input of [convRadio, corrRadio]) input.addEventListener('change', update);
  update();
}

// ---------------------------------------------------------------- output-size explorer

function sizesWidget(root, wasm) {
  const transposedFirst = root.dataset.mode === 'transposed';
  const controls = {
    input: range('input size i', 1, 16, 7),
    kernel: range('kernel k', 1, 7, 3),
    padding: range('padding p', 0, 4, transposedFirst ? 1 : 0),
    stride: range('stride s', 0, 4, transposedFirst ? 2 : 1),
    dilation: range('dilation d', 0, 3, 1),
    outputPadding: range('output padding', 0, 3, 0),
  };
  if (transposedFirst) {
    controls.input.input.value = '4';
    controls.input.label.querySelector('output').textContent = '4';
  }
  for (const [key, control] of Object.entries(controls)) control.input.classList.add(`w-${key}`);
  const mode = el('select', { class: 'w-mode' },
    el('option', { value: 'forward', text: 'convolution' }),
    el('option', { value: 'transposed', text: 'transposed convolution' }));
  mode.value = transposedFirst ? 'transposed' : 'forward';
  const formula = el('p', { class: 'w-formula', 'aria-live': 'polite' });
  const error = el('p', { class: 'w-error', role: 'alert' });
  const grid = el('table', { class: 'w-grid' });
  root.append(
    el('div', { class: 'w-controls' }, labelled('Mode', mode)),
    el('div', { class: 'w-controls' }, ...Object.values(controls).map((c) => c.label)),
    formula, error, el('div', { class: 'w-scroll' }, grid),
  );

  function update() {
    const transposed = mode.value === 'transposed';
    controls.outputPadding.label.hidden = !transposed;
    const v = (key) => Number(controls[key].input.value);
    const result = JSON.parse(wasm.output_size(v('input'), v('kernel'), v('padding'), v('stride'),
      v('dilation'), transposed, transposed ? v('outputPadding') : 0));
    formula.textContent = `o = ${result.formula}`;
    error.textContent = result.ok ? '' : result.error;
    grid.replaceChildren();
    if (!result.ok || !result.sees) return;
    const i = v('input');
    // Forward: columns are the padded input; transposed: the input itself.
    const lo = transposed ? 0 : Math.min(0, ...result.sees.flat().map(([idx]) => idx));
    const hi = transposed ? i - 1 : Math.max(i - 1, ...result.sees.flat().map(([idx]) => idx));
    const header = el('tr', {}, el('th', { scope: 'col', text: '' }));
    for (let c = lo; c <= hi; c++) {
      const pad = c < 0 || c >= i;
      header.append(el('th', { scope: 'col', text: pad ? `pad` : `x[${c}]` }));
    }
    grid.append(el('caption', {
      text: transposed
        ? 'Row o: the inputs that output o receives, with the kernel tap (j) that carries each'
        : 'Row o: the (padded) inputs that output o reads, with the kernel tap (j) on each',
    }), header);
    result.sees.forEach((pairs, o) => {
      const row = el('tr', { class: 'w-sees' }, el('th', { scope: 'row', text: `y[${o}]` }));
      for (let c = lo; c <= hi; c++) {
        const taps = pairs.filter(([idx]) => idx === c).map(([, j]) => `j=${j}`);
        const pad = c < 0 || c >= i;
        row.append(el('td', {
          class: taps.length ? 'w-on' : (pad ? 'w-pad' : ''),
          'data-input': String(c),
          text: taps.join(' '),
        }));
      }
      grid.append(row);
    });
  }
  mode.addEventListener('change', update);
  for (const control of Object.values(controls)) control.input.addEventListener('input', update);
  update();
}


// ---------------------------------------------------------------- kernel playground

const PHOTOS = {
  'cameraman, 512 × 512': { file: 'camera.png', halve: false },
  'cameraman, 256 × 256': { file: 'camera.png', halve: true },
  'Chelsea the cat, 451 × 300': { file: 'chelsea.png', halve: false },
};

async function photoBytes(file) {
  const image = new Image();
  image.src = new URL(`../images/photos/${file}`, import.meta.url).href;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = image.naturalWidth;
  canvas.height = image.naturalHeight;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  context.drawImage(image, 0, 0);
  return context.getImageData(0, 0, canvas.width, canvas.height);
}

function paint(canvas, width, height, rgba) {
  canvas.width = width;
  canvas.height = height;
  canvas.getContext('2d').putImageData(new ImageData(new Uint8ClampedArray(rgba), width, height), 0, 0);
}

function playgroundWidget(root, wasm) {
  const photo = el('select', { class: 'w-photo' });
  for (const name of Object.keys(PHOTOS)) photo.append(el('option', { value: name, text: name }));
  const named = el('select', { class: 'w-named' });
  for (const name of wasm.kernel_names().split('\n')) named.append(el('option', { value: name, text: name }));
  named.append(el('option', { value: 'custom', text: '(your own: edit the cells)' }));
  named.value = 'sobel x';
  const size = el('select', { class: 'w-size' },
    el('option', { value: '3', text: '3 × 3' }), el('option', { value: '5', text: '5 × 5' }));
  const border = el('select', { class: 'w-border' });
  for (const mode of ['zeros', 'edge', 'reflect', 'symmetric', 'wrap', 'valid']) {
    border.append(el('option', { value: mode, text: mode === 'valid' ? 'valid (no border, smaller output)' : mode }));
  }
  border.value = 'reflect';
  const stride = el('input', { type: 'number', min: 1, max: 8, value: 1, class: 'w-stride' });
  const dilation = el('input', { type: 'number', min: 1, max: 8, value: 1, class: 'w-dilation' });
  const mapping = el('select', { class: 'w-mapping' },
    el('option', { value: 'clamp', text: 'clamp to 0..255' }),
    el('option', { value: 'rescale', text: 'rescale min..max' }),
    el('option', { value: 'absolute', text: 'absolute value' }));
  mapping.value = 'absolute';
  const cells = el('div', { class: 'w-kernel', role: 'group', 'aria-label': 'kernel weights' });
  const input = el('canvas', { class: 'w-input', role: 'img', 'aria-label': 'the gray photo' });
  const output = el('canvas', {
    class: 'w-output-image', tabindex: '0',
    'aria-label': 'the filtered photo: hover a pixel, or focus and use the arrow keys, to see its window',
  });
  const bar = el('canvas', { class: 'w-bar', width: 256, height: 14, role: 'img', 'aria-label': 'colour bar' });
  const barLow = el('span', { class: 'w-bar-low' });
  const barHigh = el('span', { class: 'w-bar-high' });
  const status = el('p', { class: 'w-note w-status' });
  const error = el('p', { class: 'w-error', role: 'alert' });
  const details = el('div', { class: 'w-window', 'aria-live': 'polite' });
  root.append(
    el('div', { class: 'w-controls' }, labelled('Photo', photo), labelled('Kernel', named), labelled('Size', size)),
    el('div', { class: 'w-controls' }, labelled('Border', border), labelled('Stride', stride),
      labelled('Dilation', dilation), labelled('Display', mapping)),
    cells, error,
    el('div', { class: 'w-images' },
      el('figure', {}, input, el('figcaption', { text: 'input' })),
      el('figure', {}, output, el('figcaption', {}, 'output (correlation) ', el('br'),
        barLow, ' ', bar, ' ', barHigh))),
    status, details,
  );

  let play = null;
  let selected = [0, 0];

  function weights() {
    return [...cells.querySelectorAll('input')].map((c) => Number(c.value));
  }

  function setCells(values) {
    const k = Number(size.value);
    cells.replaceChildren();
    for (let r = 0; r < k; r++) {
      const row = el('div');
      for (let c = 0; c < k; c++) {
        const cell = el('input', {
          type: 'number', step: 'any', value: fmt(values[r * k + c] ?? 0),
          'aria-label': `kernel row ${r + 1} column ${c + 1}`,
        });
        cell.addEventListener('input', () => { named.value = 'custom'; update(); });
        row.append(cell);
      }
      cells.append(row);
    }
  }

  function showWindow() {
    if (!play) return;
    const [r, c] = selected;
    const w = JSON.parse(play.window(r, c));
    details.replaceChildren();
    drawInput(w);
    if (w.sum === undefined) return;
    const k = Number(size.value);
    const table = el('table', { class: 'w-grid w-window-table' });
    table.append(el('caption', {
      text: `Output pixel (row ${r}, column ${c}) reads the window at rows ${w.top}.., columns ${w.left}.. of the photo`,
    }));
    for (let a = 0; a < k; a++) {
      const tr = el('tr');
      for (let b = 0; b < k; b++) {
        const i = a * k + b;
        tr.append(el('td', { class: 'w-term' }, el('span', { class: 'w-in', text: fmt(w.inputs[i]) }), ' × ',
          el('span', { class: 'w-wt', text: fmt(w.weights[i]) }), ' = ', el('span', { class: 'w-prod', text: fmt(w.products[i]) })));
      }
      table.append(tr);
    }
    details.append(table, el('p', { class: 'w-sum' }, 'sum of the products = ', el('strong', { class: 'w-sum-value', text: fmt(w.sum) })));
  }

  function drawInput(w) {
    paint(input, play.width(), play.height(), play.photo_rgba());
    if (w.span === undefined) return;
    const context = input.getContext('2d');
    context.strokeStyle = 'rgb(255, 60, 60)';
    context.lineWidth = Math.max(1, input.width / 256);
    context.strokeRect(w.left - 0.5, w.top - 0.5, w.span + 1, w.span + 1);
  }

  function update() {
    if (!play) return;
    const started = performance.now();
    const result = JSON.parse(play.run(Float64Array.from(weights()), Number(size.value), border.value,
      Number(stride.value), Number(dilation.value)));
    if (!result.ok) {
      error.textContent = result.error;
      return;
    }
    error.textContent = '';
    paint(output, result.width, result.height, play.output_rgba(mapping.value));
    const elapsed = performance.now() - started;
    root.dataset.updateMs = String(elapsed);
    status.textContent = `${result.width} × ${result.height} output, values from ${fmt(result.min)} to ${fmt(result.max)}; filtered and drawn in ${elapsed.toFixed(1)} ms`;
    const maxAbs = Math.max(Math.abs(result.min), Math.abs(result.max));
    const [low, high] = {
      clamp: ['0', '255'], rescale: [fmt(result.min), fmt(result.max)], absolute: ['|v| = 0', `|v| = ${fmt(maxAbs)}`],
    }[mapping.value];
    barLow.textContent = low;
    barHigh.textContent = high;
    selected = [Math.min(selected[0], result.height - 1), Math.min(selected[1], result.width - 1)];
    showWindow();
  }

  async function loadPhoto() {
    const chosen = PHOTOS[photo.value];
    const data = await photoBytes(chosen.file);
    play?.free();
    play = new wasm.Playground(new Uint8Array(data.data.buffer), data.width, data.height, chosen.halve);
    update();
    root.dataset.photo = photo.value;
  }

  const context = bar.getContext('2d');
  const gradient = context.createLinearGradient(0, 0, bar.width, 0);
  gradient.addColorStop(0, 'black');
  gradient.addColorStop(1, 'white');
  context.fillStyle = gradient;
  context.fillRect(0, 0, bar.width, bar.height);

  named.addEventListener('change', () => {
    if (named.value === 'custom') return;
    const values = wasm.named_kernel(named.value);
    size.value = String(Math.round(Math.sqrt(values.length)));
    setCells([...values]);
    update();
  });
  size.addEventListener('change', () => {
    named.value = 'custom';
    const k = Number(size.value);
    setCells(Array.from({ length: k * k }, (_, i) => (i === (k * k - 1) / 2 ? 1 : 0)));
    update();
  });
  for (const control of [border, mapping]) control.addEventListener('change', update);
  for (const control of [stride, dilation]) control.addEventListener('input', update);
  photo.addEventListener('change', loadPhoto);
  output.addEventListener('mousemove', (event) => {
    const rect = output.getBoundingClientRect();
    selected = [Math.floor((event.clientY - rect.top) * output.height / rect.height),
      Math.floor((event.clientX - rect.left) * output.width / rect.width)];
    showWindow();
  });
  output.addEventListener('keydown', (event) => {
    const step = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] }[event.key];
    if (!step) return;
    // mdBook turns the page on left/right arrows; here they move the pixel.
    event.preventDefault();
    event.stopPropagation();
    selected = [Math.max(0, Math.min(output.height - 1, selected[0] + step[0])),
      Math.max(0, Math.min(output.width - 1, selected[1] + step[1]))];
    showWindow();
  });
  setCells([...wasm.named_kernel(named.value)]);
  return loadPhoto();
}

// ---------------------------------------------------------------- start

const WIDGETS = { slide: slideWidget, sizes: sizesWidget, playground: playgroundWidget };

async function start() {
  const roots = [...document.querySelectorAll('.widget[data-widget]:not([data-ready])')];
  if (roots.length === 0) return;
  let wasm;
  try {
    wasm = await load();
  } catch (err) {
    for (const root of roots) {
      root.append(el('p', { class: 'w-note', text: 'The interactive version is not built: run scripts/build-widgets.sh (scripts/serve.sh does).' }));
    }
    return;
  }
  for (const root of roots) {
    const make = WIDGETS[root.dataset.widget];
    if (make) await make(root, wasm);
    root.dataset.ready = 'true';
  }
  document.dispatchEvent(new Event('widgets-ready'));
}

start();
