"""Helpers for the browser tests: driving the page, the seed's class, accessibility checks."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
SEED_COPY = REPO / "tests" / "seed_client" / "frontend-integration.md"

SEED_CREATE = "请帮我创建一个电商库存监控的workflow，需要监控BestBuy和Amazon"
CREATE_EN = "Watch BestBuy and Amazon stock every hour and email me when it is back"
EDIT_EN = "change the schedule to every 30 minutes"
USAGE_MARKER = "\n// 使用示例\n"


def seed_workflow_chat_source() -> str:
    """The seed document's ``WorkflowChat`` class exactly as written: the ```javascript
    block that declares it, cut at its "// 使用示例" (usage example) line, as
    ``tests/seed_client/extract.mjs`` does."""
    markdown = SEED_COPY.read_text(encoding="utf-8")
    blocks = [
        m.group(1)
        for m in re.finditer(r"^```javascript\n(.*?)^```$", markdown, re.MULTILINE | re.DOTALL)
    ]
    found = [b for b in blocks if "class WorkflowChat {" in b]
    assert len(found) == 1, f"expected one block with the class, found {len(found)}"
    block = found[0]
    source = block[: block.index(USAGE_MARKER) + 1]
    assert source.startswith("class WorkflowChat {"), source[:40]
    assert source.rstrip().endswith("}")
    assert source in markdown  # verbatim: nothing rewritten
    return source


# -- driving the page -------------------------------------------------------------------


def dev_sign_in(page: Any, sub: str) -> None:
    page.get_by_label("User id").fill(sub)
    page.get_by_role("button", name="Sign in with a dev token").click()
    page.wait_for_selector("#app-view:not([hidden])")


def send(page: Any, text: str) -> None:
    page.get_by_role("textbox", name="Your message").fill(text)
    page.get_by_role("button", name="Send", exact=True).click()


def wait_stage(page: Any, stage: str, timeout: float = 20_000) -> None:
    page.wait_for_selector(f"#stages[data-stage={stage}]", state="attached", timeout=timeout)


def wait_reply_done(page: Any, count: int = 1, timeout: float = 20_000) -> str:
    """Waits until ``count`` assistant replies are complete; the last one's text."""
    page.wait_for_function(
        "n => document.querySelectorAll('.message.assistant[data-complete=true]').length >= n",
        arg=count,
        timeout=timeout,
    )
    return str(page.locator(".message.assistant .message-text").last.text_content())


def watch_reply(page: Any) -> None:
    """Records every text the streaming reply shows (to prove it streamed)."""
    page.evaluate(
        """() => {
          window.__replyTexts = [];
          const log = document.getElementById('messages');
          new MutationObserver(() => {
            const last = [...log.querySelectorAll('.message.assistant .message-text')].at(-1);
            if (last && window.__replyTexts.at(-1) !== last.textContent) {
              window.__replyTexts.push(last.textContent);
            }
          }).observe(log, { subtree: true, childList: true, characterData: true });
        }"""
    )


def stage_classes(page: Any) -> dict[str, str]:
    result: dict[str, str] = page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('#stages li')]
              .map(li => [li.dataset.stage, li.className]))"""
    )
    return result


def graph_state(page: Any) -> dict[str, Any]:
    result: dict[str, Any] = page.evaluate(
        """() => {
          const svg = document.querySelector('#graph svg');
          if (!svg) return null;
          const nodes = [...svg.querySelectorAll('.graph-node')].map(g => ({
            id: g.dataset.nodeId, family: g.dataset.family,
            fill: g.querySelector('.graph-node-box').getAttribute('fill'),
            label: g.getAttribute('aria-label'),
            text: g.textContent,
          }));
          return {
            label: svg.getAttribute('aria-label'),
            nodes,
            edges: svg.querySelectorAll('.graph-edge').length,
            attachments: svg.querySelectorAll('.graph-attachment').length,
            edgeLabels: [...svg.querySelectorAll('.graph-edge-label text')].map(t => t.textContent),
            legend: [...document.querySelectorAll('#legend li')].map(li => li.dataset.family),
            problems: svg.querySelectorAll('.graph-badge-problem').length,
            changed: svg.querySelectorAll('.graph-badge-changed').length,
            added: svg.querySelectorAll('.graph-badge-new').length,
          };
        }"""
    )
    return result


# -- accessibility ------------------------------------------------------------------------

UNLABELLED_CONTROLS = """() => {
  const named = (el) => (el.getAttribute('aria-label') || '').trim()
    || (el.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean)
         .map(id => document.getElementById(id)?.textContent.trim()).join('')
    || (el.labels ? [...el.labels].map(l => l.textContent.trim()).join('') : '');
  const problems = [];
  for (const el of document.querySelectorAll('input:not([type=hidden]), textarea, select')) {
    if (!named(el)) problems.push(`unlabelled ${el.tagName.toLowerCase()}#${el.id}`);
  }
  for (const el of document.querySelectorAll('button, [role=button], a[href]')) {
    if (!(el.textContent.trim() || named(el))) problems.push(`nameless ${el.tagName}#${el.id}`);
  }
  for (const el of document.querySelectorAll('img')) {
    if (!el.hasAttribute('alt')) problems.push(`img without alt ${el.src}`);
  }
  const ids = [...document.querySelectorAll('[id]')].map(e => e.id);
  const dupes = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (dupes.length) problems.push(`duplicate ids ${dupes}`);
  return problems;
}"""

# WCAG 2.x contrast of every visible text against what is painted behind it (background
# colours composited up the tree; the page's own background at the root)
LOW_CONTRAST = """() => {
  const parse = (c) => {
    const m = c.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return [0, 0, 0, 0];
    const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, bottom) => {
    const a = top[3];
    return [0, 1, 2].map(i => top[i] * a + bottom[i] * (1 - a)).concat(1);
  };
  const lum = (c) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  };
  const ratio = (a, b) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const background = (el) => {
    const layers = [];
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      const bg = parse(getComputedStyle(node).backgroundColor);
      if (bg[3] > 0) layers.push(bg);
      if (bg[3] >= 1) break;
    }
    let colour = [255, 255, 255, 1];
    for (const layer of layers.reverse()) colour = over(layer, colour);
    return colour;
  };
  const visible = (el) => {
    if (!el.getClientRects().length) return false;
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      const s = getComputedStyle(node);
      if (s.visibility === 'hidden' || Number(s.opacity) === 0) return false;
      if (s.clipPath === 'inset(50%)' || s.clip === 'rect(0px, 0px, 0px, 0px)') return false;
    }
    return true;
  };
  const failures = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    const el = text.parentElement;
    if (!text.textContent.trim() || !el || seen.has(el) || el.closest('svg')) continue;
    seen.add(el);
    if (!visible(el) || el.closest(':disabled')) continue;
    const s = getComputedStyle(el);
    const size = parseFloat(s.fontSize);
    const bold = Number(s.fontWeight) >= 700;
    const need = size >= 24 || (size >= 18.66 && bold) ? 3 : 4.5;
    const bg = background(el);
    const fg = over(parse(s.color), bg);
    const r = ratio(fg, bg);
    if (r < need) failures.push(`${r.toFixed(2)} < ${need}: "${text.textContent.trim().slice(0, 40)}" (${s.color} on rgb(${bg.slice(0, 3).map(Math.round)}))`);
  }
  return failures;
}"""


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG contrast of two #rrggbb colours."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


# -- dropping streams ------------------------------------------------------------------------

# Installed before the page's scripts: wraps fetch so that the first response of a path in
# `window.__drops.plan` ({path: n}) passes n events through, then half of the next one, and
# then breaks like a dropped connection (the real connection to the server is cancelled).
# `window.__drops.log` records every request's path and Last-Event-ID and, for a dropped
# one, the last event id it let through.
#
# The break comes only once the page has read everything let through: erroring a
# ReadableStream discards the chunks still queued in it, and one read of the real body can
# hold several events (the server's writes coalesce when the page is busy), so breaking at
# once lost events counted as "let through" and the page rightly resumed from an earlier
# id. With `highWaterMark: 0`, `pull` runs only when the page asks for more, so the next
# pull after the half event finds the queue empty.
DROP_STREAMS = """(() => {
  const drops = { plan: {}, log: [] };
  window.__drops = drops;
  const realFetch = window.fetch.bind(window);
  window.fetch = async (input, init = {}) => {
    const url = new URL(typeof input === 'string' ? input : input.url, location.href);
    const headers = new Headers(init.headers || {});
    const entry = { path: url.pathname, lastEventId: headers.get('Last-Event-ID'), status: null };
    drops.log.push(entry);
    const response = await realFetch(input, init);
    entry.status = response.status;
    const keep = drops.plan[url.pathname];
    if (keep == null || response.status !== 200 || !response.body) return response;
    delete drops.plan[url.pathname];
    entry.dropped = true;
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    const encoder = new TextEncoder();
    let buffer = '';
    let passed = 0;
    let broken = false;
    const body = new ReadableStream({
      async pull(controller) {
        if (broken) {
          controller.error(new TypeError('network connection lost (simulated)'));
          return;
        }
        for (;;) {
          const { value, done } = await reader.read();
          if (done) { controller.close(); return; }
          buffer += decoder.decode(value, { stream: true });
          let match;
          while ((match = /\\r\\n\\r\\n|\\n\\n/.exec(buffer))) {
            const block = buffer.slice(0, match.index + match[0].length);
            buffer = buffer.slice(block.length);
            if (!/^data:/m.test(block)) { controller.enqueue(encoder.encode(block)); continue; }
            if (passed === keep) {
              controller.enqueue(encoder.encode(block.slice(0, Math.floor(block.length / 2))));
              reader.cancel().catch(() => {});
              broken = true; // the error at the next pull, once all of this has been read
              return;
            }
            passed += 1;
            entry.passedLastId = (/^id: ?(.*)$/m.exec(block) || [])[1]?.trim();
            controller.enqueue(encoder.encode(block));
          }
        }
      },
      cancel() { reader.cancel().catch(() => {}); },
    }, { highWaterMark: 0 });
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
})();"""
