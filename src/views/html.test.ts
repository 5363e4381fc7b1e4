import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { html } from "./html.ts";

describe("html template", () => {
  it("escapes interpolated text, including quotes for attributes", () => {
    const value = `<script>alert("x")</script>' & more`;
    assert.equal(html`<p title="${value}">${value}</p>`.__html,
      `<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; &amp; more">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; &amp; more</p>`);
  });

  it("nests html fragments and lists without escaping them twice", () => {
    const items = ["a<b", "c"].map((i) => html`<li>${i}</li>`);
    assert.equal(html`<ul>${items}</ul>`.__html, "<ul><li>a&lt;b</li><li>c</li></ul>");
  });

  it("renders null, undefined and false as nothing", () => {
    assert.equal(html`[${null}${undefined}${false}]`.__html, "[]");
  });
});
