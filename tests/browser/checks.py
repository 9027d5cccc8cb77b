"""What the browser tests check on every rendered page, each as a function returning the problems
it found (an empty list when the page is right), so that one run reports every problem at once.

The facts are read from the page as the browser laid it out (`page_facts`), never from the HTML
text: a table header the CSS hides, or a row wider than the phone, only shows in the layout.
"""
import html.parser

# Read in one evaluation, from outside the page: nothing is injected into the page itself.
FACTS_SCRIPT = r"""(() => {
  const root = document.documentElement;
  const width = root.clientWidth;
  // For the message only: the outermost elements that stick out of the viewport.
  const sticking_out = [];
  for (const element of document.body ? document.body.querySelectorAll('*') : []) {
    const box = element.getBoundingClientRect();
    if ((box.right > width + 0.5 || box.left < -0.5) && box.width > 0) {
      let inside = false;
      for (let up = element.parentElement; up && up !== document.body; up = up.parentElement) {
        const style = getComputedStyle(up);
        const box_up = up.getBoundingClientRect();
        if (style.overflowX !== 'visible' || box_up.right > width + 0.5) { inside = true; break; }
      }
      if (!inside) {
        const name = element.tagName.toLowerCase() + (element.id ? '#' + element.id : '')
                   + (typeof element.className === 'string' && element.className ? '.' + element.className.split(/\s+/).join('.') : '');
        sticking_out.push(`${name} (${Math.round(box.left)}..${Math.round(box.right)} px)`);
      }
    }
  }
  return {
    lang: root.getAttribute('lang'),
    title: document.title,
    scripts: document.scripts.length,
    client_width: width,
    scroll_width: Math.max(root.scrollWidth, document.body ? document.body.scrollWidth : 0),
    sticking_out: sticking_out.slice(0, 5),
    tables: [...document.querySelectorAll('table')].map((table, index) => ({
      index: index,
      class_name: table.className,
      caption: table.caption ? table.caption.innerText.trim() : '',
      header_cells: (table.tHead ? [...table.tHead.querySelectorAll('th')]
                                 : (table.rows.length ? [...table.rows[0].cells].filter(c => c.tagName === 'TH') : []))
                    .map(c => c.textContent.trim()),
      // The body's rows, each cell's text as shown (a phone's card layout keeps the cells).
      body: [...table.tBodies].flatMap(body => [...body.rows]).map(row => [...row.cells].map(cell => cell.innerText.trim())),
    })),
    links: [...document.querySelectorAll('a[href]')].map(link => [link.innerText.trim(), link.getAttribute('href')]),
    rows: [...document.querySelectorAll('tr')].map(row => [...row.cells].map(cell => cell.innerText.trim())),
    text: document.body ? document.body.innerText : '',
  };
})()"""


def page_facts(page):
    return page.evaluate(FACTS_SCRIPT)


def lang_problems(facts, expected):
    """`<html lang>` names the page's language, so that a phone picks the Chinese font and a
    screen reader the right voice."""
    lang = facts["lang"] or ""
    if not lang:
        return ["<html> has no lang attribute"]
    if lang.split("-")[0].lower() != expected:
        return [f"<html lang=\"{lang}\">, expected a `{expected}` language tag"]
    return []


def horizontal_scroll_problems(facts, width):
    """At a phone's width the page never scrolls sideways: a wide table scrolls inside its own
    box or becomes cards. The layout viewport must also be the phone's width: a page without a
    viewport meta is laid out 980 px wide and shrunk to an unreadable size."""
    problems = []
    if facts["client_width"] != width:
        problems.append(f"the page is laid out {facts['client_width']} px wide on a {width} px screen "
                        f"(no <meta name=\"viewport\" content=\"width=device-width\">?)")
    if facts["scroll_width"] > facts["client_width"]:
        problems.append(f"the page scrolls sideways at {width} px: {facts['scroll_width']} px of content; "
                        f"sticking out: {', '.join(facts['sticking_out']) or 'nothing found'}")
    return problems


def table_header_problems(facts):
    """Every table says what its columns are with header cells (<th>), which a phone shows on
    each stacked card and a screen reader reads with each value."""
    return [f"table {t['index'] + 1}{' (' + t['caption'] + ')' if t['caption'] else ''} has no header cells (<th>)"
            for t in facts["tables"] if not t["header_cells"]]


class _TitleReader(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.title, self._in_title = None, False

    def handle_starttag(self, tag, attrs):
        if tag == "title" and self.title is None:
            self._in_title, self.title = True, ""

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def title_in_file(path):
    reader = _TitleReader()
    with open(path, encoding="utf-8") as f:
        reader.feed(f.read())
    return " ".join((reader.title or "").split())


def script_problems(facts, page, html_path):
    """The published pages need no JavaScript, so no script element may exist in them, and none
    may have run: a script smuggled in through an id or label (`<script>document.title=...`)
    would change the title that the file states."""
    problems = []
    if facts["scripts"]:
        problems.append(f"the page has {facts['scripts']} <script> element(s)")
    written = title_in_file(html_path)
    shown = " ".join(facts["title"].split())
    if shown != written:
        problems.append(f"the title became {shown!r} in the browser, the file says {written!r}: a script ran")
    for error in page.exceptions():
        details = error["params"]["exceptionDetails"]
        problems.append(f"a script raised: {details.get('exception', {}).get('description', details.get('text'))}")
    return problems


def common_problems(facts, page, html_path, lang, width):
    """The checks every published page passes at phone width."""
    return (lang_problems(facts, lang) + horizontal_scroll_problems(facts, width)
            + table_header_problems(facts) + script_problems(facts, page, html_path))
