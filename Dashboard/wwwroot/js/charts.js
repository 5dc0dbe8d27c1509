// One small bridge between Blazor and ApexCharts (loaded globally from lib/apexcharts): every chart of the product goes through it.
const charts = new WeakMap();

// Label sizes follow the element's CSS font size, so one chart reads the same on a 1080p desk and a 4K wall.
function withFonts(element, options) {
  const px = `${Math.round(parseFloat(getComputedStyle(element).fontSize) || 14)}px`;
  const style = { fontSize: px };
  if (options.xaxis) options.xaxis.labels = { ...(options.xaxis.labels || {}), style };
  if (options.yaxis) options.yaxis.labels = { ...(options.yaxis.labels || {}), style };
  if (options.legend) options.legend.fontSize = px;
  if (options.dataLabels) options.dataLabels.style = style;
  return options;
}

// A horizontal bar's value axis writes whole numbers without a decimal (1, not 1.0); anything else is left as it comes.
function withWholeNumbers(options) {
  if (options.chart && options.chart.type === 'bar' && options.xaxis) {
    options.xaxis.labels = { ...(options.xaxis.labels || {}), formatter: v => Number.isInteger(Number(v)) ? String(Number(v)) : v };
  }
  return options;
}

// A donut's legend beside it takes half the width, in slightly smaller type: long names (English fraud types) wrap
// instead of shrinking the donut to a dot.
function withDonutRoom(element, options) {
  if (options.chart && options.chart.type === 'donut' && options.legend && options.legend.position === 'right' && element.clientWidth > 0) {
    options.legend.width = Math.round(element.clientWidth * 0.5);
    options.legend.fontSize = `${Math.round((parseFloat(getComputedStyle(element).fontSize) || 14) * 0.9)}px`;
  }
  return options;
}

// Options and series arrive as JSON text (see ApexChart.razor).
export function create(element, optionsJson) {
  dispose(element);
  const chart = new window.ApexCharts(element, withDonutRoom(element, withWholeNumbers(withFonts(element, JSON.parse(optionsJson)))));
  charts.set(element, chart);
  return chart.render();
}

// Redraws take turns, each in a task of its own: a wall redraws four charts together (about a tenth of a second each on a
// machine without a graphics card), and a ticker row or figure that arrives meanwhile is drawn between two of them instead of
// waiting for all four. A drawing that never finishes holds the next ones back by three seconds at most.
let turn = Promise.resolve();
function inTurn(draw) {
  const drawn = turn.then(() => new Promise(resolve => setTimeout(resolve, 0))).then(draw);
  turn = Promise.race([drawn, new Promise(resolve => setTimeout(resolve, 3000))]).catch(() => { });
  return drawn;
}

// Series change in place (no re-creation): the chart keeps its DOM and redraws (never animated: see ApexChart.razor).
export function update(element, seriesJson, optionsJson) {
  const series = JSON.parse(seriesJson);
  const options = optionsJson ? JSON.parse(optionsJson) : null;
  return inTurn(() => {
    // Gone while it waited its turn (the page left the chart): nothing to draw.
    const chart = charts.get(element);
    if (!chart) return undefined;
    return options ? chart.updateOptions({ ...options, series }, false, false) : chart.updateSeries(series, false);
  });
}

export function dispose(element) {
  const chart = element && charts.get(element);
  if (chart) {
    chart.destroy();
    charts.delete(element);
  }
}
