// attain serve: the page's few lines of script. Without them the page still
// works as plain forms; with them a dropped or chosen file is evaluated at
// once, the result is swapped in without reloading, downloads keep the page,
// and the ranking table can be filtered and sorted. No libraries, no network
// beyond this server.
'use strict';
(function () {
  document.documentElement.classList.add('js');
  var form = document.getElementById('f');
  if (!form) { return; }
  var fileInput = form.querySelector('input[name=file]');
  var rulesInput = form.querySelector('input[name=rules]');
  var drop = document.getElementById('drop');
  var result = document.getElementById('result');

  function showName() {
    document.getElementById('file-name').textContent = fileInput.files.length ? fileInput.files[0].name : '';
  }

  function busy(on) {
    document.body.classList.toggle('busy', on);
    document.querySelectorAll('button').forEach(function (b) { b.disabled = on; });
  }

  function showError(msg, problems) {
    var box = document.createElement('div');
    box.className = 'card error-box';
    box.setAttribute('role', 'alert');
    var h = document.createElement('h2');
    h.textContent = '无法完成';
    var p = document.createElement('p');
    p.textContent = msg;
    box.appendChild(h);
    box.appendChild(p);
    if (problems && problems.length) {
      var ol = document.createElement('ol');
      ol.className = 'problems';
      problems.forEach(function (d) {
        var li = document.createElement('li');
        li.className = d.level === 'warning' ? 'warning' : 'error';
        var code = document.createElement('code');
        code.textContent = d.position;
        li.appendChild(code);
        li.appendChild(document.createTextNode(' ' + (d.level === 'warning' ? '警告' : '错误') + '：' + d.summary + (d.hint ? '（提示：' + d.hint + '）' : '')));
        ol.appendChild(li);
      });
      box.appendChild(ol);
    }
    var old = result.querySelector('.error-box');
    if (old) { old.remove(); }
    result.insertBefore(box, result.firstChild);
    box.scrollIntoView({ block: 'nearest' });
  }

  // fileNameOf reads the name of a download from Content-Disposition.
  function fileNameOf(resp) {
    var cd = resp.headers.get('Content-Disposition') || '';
    var m = /filename\*=utf-8''([^;]+)/i.exec(cd);
    if (m) { return decodeURIComponent(m[1]); }
    m = /filename="?([^";]+)"?/i.exec(cd);
    return m ? m[1] : 'download';
  }

  async function errorOf(resp) {
    try {
      var body = await resp.json();
      showError(body.error, body.problems);
    } catch (e) {
      showError('服务器答复 ' + resp.status);
    }
  }

  async function send(action, data) {
    busy(true);
    try {
      var resp = await fetch(action, { method: 'POST', body: data, credentials: 'same-origin' });
      var ctype = resp.headers.get('Content-Type') || '';
      if (action === '/') {
        if (ctype.indexOf('text/html') !== 0) { await errorOf(resp); return; }
        var doc = new DOMParser().parseFromString(await resp.text(), 'text/html');
        ['rules-info', 'result'].forEach(function (id) {
          var fresh = doc.getElementById(id);
          if (fresh) { document.getElementById(id).innerHTML = fresh.innerHTML; }
        });
        if (data.get('action') === 'evaluate' && resp.ok) {
          result.scrollIntoView({ behavior: 'smooth', block: 'start' });
        }
        rankTable();
        return;
      }
      if (!resp.ok) { await errorOf(resp); return; }
      var url = URL.createObjectURL(await resp.blob());
      var a = document.createElement('a');
      a.href = url;
      a.download = fileNameOf(resp);
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
    } catch (e) {
      showError('无法连接本机的 attain 服务（是否已关闭？）：' + e.message);
    } finally {
      busy(false);
    }
  }

  function submit(action, act, button) {
    var data = new FormData(form);
    if (button && button.name && button.name !== 'action') { data.set(button.name, button.value); }
    data.set('action', act || 'evaluate');
    return send(action, data);
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var b = e.submitter;
    var action = (b && b.getAttribute('formaction')) || '/';
    submit(action, b && b.name === 'action' ? b.value : 'evaluate', b);
  });

  ['dragenter', 'dragover'].forEach(function (t) {
    drop.addEventListener(t, function (e) { e.preventDefault(); drop.classList.add('over'); });
  });
  ['dragleave', 'drop'].forEach(function (t) {
    drop.addEventListener(t, function (e) { e.preventDefault(); drop.classList.remove('over'); });
  });
  drop.addEventListener('drop', function (e) {
    if (!e.dataTransfer || !e.dataTransfer.files.length) { return; }
    var dt = new DataTransfer();
    dt.items.add(e.dataTransfer.files[0]);
    fileInput.files = dt.files;
    showName();
    submit('/', 'evaluate');
  });
  fileInput.addEventListener('change', function () {
    showName();
    if (fileInput.files.length) { submit('/', 'evaluate'); }
  });
  form.querySelector('select[name=ruleset]').addEventListener('change', function () {
    rulesInput.value = '';
    submit('/', fileInput.files.length ? 'evaluate' : 'rules');
  });
  rulesInput.addEventListener('change', function () { submit('/', fileInput.files.length ? 'evaluate' : 'rules'); });
  var dutiesInput = form.querySelector('input[name=duties]');
  if (dutiesInput) {
    dutiesInput.addEventListener('change', function () { if (fileInput.files.length) { submit('/', 'evaluate'); } });
  }
  form.querySelectorAll('select[name=period], input[name=units]').forEach(function (el) {
    el.addEventListener('change', function () { if (fileInput.files.length) { submit('/', 'evaluate'); } });
  });

  // The ranking of a city: filter by name and grade, sort by a column.
  function rankTable() {
    var table = document.getElementById('rank');
    if (!table) { return; }
    var body = table.tBodies[0];
    var filter = document.getElementById('rank-filter');
    var grade = document.getElementById('grade-filter');
    var shown = document.getElementById('rank-shown');
    function apply() {
      var q = filter.value.trim();
      var g = grade.value;
      var n = 0;
      Array.prototype.forEach.call(body.rows, function (tr) {
        var ok = (!q || tr.dataset.unit.indexOf(q) >= 0) && (!g || tr.dataset.grade === g);
        tr.hidden = !ok;
        if (ok) { n++; }
      });
      shown.textContent = '显示 ' + n + ' / ' + body.rows.length + ' 个单位';
    }
    filter.addEventListener('input', apply);
    grade.addEventListener('change', apply);
    table.tHead.querySelectorAll('th[data-sort]').forEach(function (th, i) {
      th.addEventListener('click', function () {
        var col = th.cellIndex;
        var num = th.dataset.sort === 'num';
        var asc = th.getAttribute('aria-sort') !== 'ascending';
        table.tHead.querySelectorAll('th').forEach(function (o) { o.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[col].textContent, y = b.cells[col].textContent;
          var c = num ? parseFloat(x) - parseFloat(y) : x.localeCompare(y, 'zh-CN');
          return asc ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
    apply();
  }
  rankTable();
}());
