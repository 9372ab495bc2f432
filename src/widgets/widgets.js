// The book's interactive widgets. Every number they show is computed by the core
// crate, compiled to WebAssembly (chapters-code/widgets-wasm, built into ./pkg by
// scripts/build-widgets.sh); this file only builds the controls and draws.
//
// A page holds `<div class="widget" data-widget="NAME">` blocks (slide, sizes,
// playground) and loads this module. Without JavaScript, or without the built
// wasm, the page's static figures still tell the story.

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
    formula.textContent = (transposed ? 'o = ' : 'o = ') + result.formula;
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

// ---------------------------------------------------------------- start

const WIDGETS = { slide: slideWidget, sizes: sizesWidget };

async function start() {
  const roots = [...document.querySelectorAll('.widget[data-widget]:not([data-ready])')];
  if (roots.length === 0) return;
  let wasm;
  try {
    wasm = await import(new URL('pkg/widgets_wasm.js', import.meta.url).href);
    await wasm.default();
  } catch (err) {
    for (const root of roots) {
      root.append(el('p', { class: 'w-note', text: 'The interactive version is not built: run scripts/build-widgets.sh (scripts/serve.sh does).' }));
    }
    return;
  }
  for (const root of roots) {
    root.dataset.ready = 'true';
    const make = WIDGETS[root.dataset.widget];
    if (make) make(root, wasm);
  }
  document.dispatchEvent(new Event('widgets-ready'));
}

start();
