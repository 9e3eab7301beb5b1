// The tournament report: everything is drawn from the data inlined in the page (no network).
(function () {
  'use strict';
  const data = JSON.parse(document.getElementById('data').textContent);
  const $ = (id) => document.getElementById(id);
  const COLORS = ['#2f6fd6', '#d65a2f', '#2f9d5b', '#9b4dca', '#c7a020', '#1aa3b8', '#c23b6e', '#6b7a8f',
    '#7d5a2f', '#4b5bd6'];
  // the figures come as exact decimal text; positions on the charts are computed from their numbers
  const signed = (v) => v === null ? 'n/a' : (Number(v) > 0 ? '+' : '') + v;
  const cell = (row, text, cls) => {
    const td = document.createElement('td');
    td.textContent = text;
    if (cls) td.className = cls;
    row.appendChild(td);
    return td;
  };

  $('title').textContent = data.title;
  $('subtitle').textContent = data.subtitle;
  $('method').textContent = 'Method: ' + data.method + '.';
  if (data.verdict) {
    $('verdict').hidden = false;
    $('verdict').textContent = 'A/B verdict: ' + data.verdict;
  }
  const notes = data.excluded.slice();
  if (data.stopped) notes.unshift(data.stopped);
  notes.forEach((n) => { const li = document.createElement('li'); li.textContent = n; $('notes').appendChild(li); });

  // the standings, with a bar per confidence interval on one common scale that shows zero
  const rows = data.standings;
  const lows = rows.map((r) => r.low === null ? r.mean : r.low).filter((v) => v !== null).map(Number);
  const highs = rows.map((r) => r.high === null ? r.mean : r.high).filter((v) => v !== null).map(Number);
  const min = Math.min(0, ...lows);
  const max = Math.max(0, ...highs);
  const at = (v) => (max === min ? 50 : (Number(v) - min) / (max - min) * 100) + '%';
  const table = $('standings');
  const head = table.createTHead().insertRow();
  ['', 'trader', 'mean PnL', '95 % CI', 'interval (0 marked)', 'sd', 'Sharpe', 'wins', 'win rate', 'mean rank']
    .forEach((h) => { const th = document.createElement('th'); th.textContent = h; head.appendChild(th); });
  const body = table.createTBody();
  rows.forEach((r, i) => {
    const tr = body.insertRow();
    cell(tr, (i + 1) + '.');
    cell(tr, r.trader, 'name');
    cell(tr, signed(r.mean), 'num');
    cell(tr, r.low === null ? 'n/a' : '[' + signed(r.low) + ', ' + signed(r.high) + ']', 'num nowrap');
    const ci = cell(tr, '');
    const box = document.createElement('div');
    box.className = 'ci';
    const zero = document.createElement('div');
    zero.className = 'zero';
    zero.style.left = at(0);
    box.appendChild(zero);
    if (r.low !== null) {
      const bar = document.createElement('div');
      bar.className = 'bar';
      bar.style.left = at(r.low);
      bar.style.width = 'calc(' + at(r.high) + ' - ' + at(r.low) + ')';
      box.appendChild(bar);
    }
    if (r.mean !== null) {
      const dot = document.createElement('div');
      dot.className = 'mean';
      dot.style.left = at(r.mean);
      dot.title = r.trader + ': ' + signed(r.mean);
      box.appendChild(dot);
    }
    ci.appendChild(box);
    cell(tr, r.sd === null ? 'n/a' : String(r.sd), 'num');
    cell(tr, r.sharpe === null ? 'n/a' : String(r.sharpe), 'num');
    cell(tr, String(r.wins), 'num');
    cell(tr, r.winRate === null ? 'n/a' : r.winRate + ' %', 'num nowrap');
    cell(tr, r.meanRank === null ? 'n/a' : String(r.meanRank), 'num');
  });

  if (data.best) {
    const p = $('extremes');
    p.append('Battle reports of ' + data.focus + "'s ");
    [['best', data.best], ['worst', data.worst]].forEach(([what, round], i) => {
      if (i) p.append(' and ');
      const a = document.createElement('a');
      a.href = round.href;
      a.textContent = what + ' round (round ' + round.round + ')';
      p.appendChild(a);
    });
    p.append('.');
  }

  const traders = rows.map((r) => r.trader);
  const series = [{}].concat(traders.map((t, i) => ({ label: t, stroke: COLORS[i % COLORS.length], width: 2,
    points: { show: data.rounds.length <= 200 } })));
  const width = Math.min(1060, document.body.clientWidth - 20);

  // the distribution: each trader's PnLs sorted, over the share of rounds at or below
  const n = data.rounds.length;
  if (n > 0) {
    const shares = data.rounds.map((_, i) => n === 1 ? 50 : i / (n - 1) * 100);
    const sorted = traders.map((t) => data.pnl[t].slice().sort((a, b) => a - b));
    new uPlot({ width, height: 320, scales: { x: { time: false } }, series,
      axes: [{ label: 'share of rounds (%)' }, { label: 'PnL' }] }, [shares].concat(sorted), $('distribution'));
    new uPlot({ width, height: 320, scales: { x: { time: false } },
      series: [{}].concat(series.slice(1).map((s) => Object.assign({}, s, { width: 1 }))),
      // whole rounds only on the axis (uPlot would also label 1.2, 1.4, ...)
      axes: [{ label: 'round', incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000] },
        { label: 'PnL' }] },
      [data.rounds].concat(traders.map((t) => data.pnl[t])), $('per-round'));
  }

  // the rank distribution as a heat map
  const ranks = $('ranks');
  const rh = ranks.createTHead().insertRow();
  ['trader'].concat(traders.map((_, i) => 'rank ' + (i + 1))).forEach((h) => {
    const th = document.createElement('th'); th.textContent = h; rh.appendChild(th);
  });
  const rb = ranks.createTBody();
  rows.forEach((r) => {
    const tr = rb.insertRow();
    cell(tr, r.trader);
    r.ranks.forEach((count) => {
      const td = cell(tr, String(count), 'num');
      const share = n === 0 ? 0 : count / n;
      td.style.background = 'rgba(47, 111, 214, ' + (share * 0.85).toFixed(3) + ')';
      td.style.color = share > 0.5 ? '#fff' : '';
    });
  });
})();
