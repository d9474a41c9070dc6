// The board of a puzzle project: best player answer per item beside the published best and the AI's.
const params = new URLSearchParams(location.search);
const project = params.get('project');

function cell(text) {
  const td = document.createElement('td');
  td.textContent = text;
  return td;
}

async function load() {
  const response = await fetch(`/api/v1/lobby/${encodeURIComponent(project)}/best`);
  const body = await response.json();
  if (!response.ok) {
    document.getElementById('message').textContent = body.detail ?? 'No such puzzle.';
    return;
  }
  document.getElementById('rows').replaceChildren(...body.map((item) => {
    const row = document.createElement('tr');
    const name = item.fields.sequence ? `${item.item} (${item.fields.sequence.length} residues)` : item.item;
    const best = item.objective === null || item.objective === undefined ? 'not played yet' : String(item.objective);
    const known = item.fields.best_known ?? '—';
    const ai = item.aiConfidence === null || item.aiConfidence === undefined || !item.fields.best_known
      ? (item.aiAnswer ? 'suggested' : '—')
      : String(Math.round(item.aiConfidence * Number(item.fields.best_known)));
    row.append(cell(name), cell(best), cell(known), cell(ai), cell(String(item.answers)));
    row.dataset.item = item.item;
    return row;
  }));
}

load().catch((error) => { document.getElementById('message').textContent = error.message; });
