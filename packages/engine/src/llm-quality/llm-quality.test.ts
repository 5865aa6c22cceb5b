// LLM output quality signals: detectors on hand-made texts, numbers against numpy (golden.json
// from scripts/gen-llm-quality-golden.py) and ROUGE-L from the core's golden-tested rouge.
import { readFileSync } from 'node:fs';
import { rouge } from '@vigil/core';
import { describe, expect, it } from 'vitest';
import {
  centroid,
  centroidCosine,
  checkPrices,
  compileBlocklist,
  consecutiveRougeL,
  detectLanguage,
  findBlocked,
  findPii,
  ibanValid,
  isRefusal,
  isValidJson,
  luhnValid,
  quantileLinear,
  selectedForReview,
  summarizeOutputs,
  totalVariation,
} from './index.js';

const golden = JSON.parse(readFileSync(new URL('./testdata/golden.json', import.meta.url), 'utf8'));

describe('personal data and blocklists', () => {
  it('finds e-mails, cards with a valid Luhn digit, SSNs, IBANs, IPs and phones', () => {
    const text =
      'Mail jane.doe@example.co.uk or call +1 415-555-0132. Card 4111 1111 1111 1111, ' +
      'SSN 123-45-6789, IBAN GB82 WEST 1234 5698 7654 32, host 192.168.0.1.';
    expect(findPii(text).map((v) => [v.kind, v.match])).toEqual([
      ['email', 'jane.doe@example.co.uk'],
      ['phone', '+1 415-555-0132'],
      ['credit_card', '4111 1111 1111 1111'],
      ['us_ssn', '123-45-6789'],
      ['iban', 'GB82 WEST 1234 5698 7654 32'],
      ['ipv4', '192.168.0.1'],
    ]);
  });

  it('ignores numbers that fail the checksum or the format', () => {
    expect(findPii('order 4111 1111 1111 1112 shipped')).toEqual([]);
    expect(findPii('SSN 000-12-3456 and 666-12-3456 are never issued')).toEqual([]);
    expect(findPii('version 1.2.3.4.5 and 300.1.1.1')).toEqual([]);
    expect(findPii('GB82 WEST 1234 5698 7654 33')).toEqual([]);
  });

  it('checks Luhn and IBAN mod 97', () => {
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('79927398710')).toBe(false);
    expect(luhnValid('')).toBe(false);
    expect(ibanValid('DE89370400440532013000')).toBe(true);
    expect(ibanValid('DE89370400440532013001')).toBe(false);
  });

  it('matches blocklisted words and phrases as whole words, case-insensitively', () => {
    const list = compileBlocklist(['idiot', 'wire transfer', '  ', 'c++']);
    expect(findBlocked('You IDIOT. Send a wire   transfer, not idiotic c++ code', list)).toEqual([
      { kind: 'blocklist', match: 'IDIOT', index: 4 },
      { kind: 'blocklist', match: 'wire   transfer', index: 18 },
      { kind: 'blocklist', match: 'c++', index: 47 },
    ]);
    expect(findBlocked('anything', compileBlocklist([]))).toEqual([]);
  });
});

describe('language, refusals and JSON', () => {
  it.each([
    ['Your order is on its way and it will arrive at the store today.', 'en'],
    ['Su pedido está en camino y llegará a la tienda hoy, muchas gracias por su compra.', 'es'],
    ['Votre commande est en route et elle arrivera dans la boutique aujourd’hui.', 'fr'],
    ['Die Bestellung ist unterwegs und wird heute in dem Geschäft ankommen.', 'de'],
    [
      'Het pakket is onderweg en wordt vandaag bij de winkel bezorgd, maar niet voor vijf uur.',
      'nl',
    ],
    ['ご注文の商品は本日発送されました。', 'ja'],
    ['Ваш заказ уже в пути.', 'ru'],
    ['OK', 'und'],
    ['12345 !!!', 'und'],
  ])('detects %s as %s', (text, lang) => {
    expect(detectLanguage(text)).toBe(lang);
  });

  it('recognises refusals near the start only', () => {
    expect(isRefusal("I'm sorry, but I can't help with that request.")).toBe(true);
    expect(isRefusal('I cannot provide medical advice.')).toBe(true);
    expect(isRefusal('As an AI language model, I do not have opinions.')).toBe(true);
    expect(isRefusal('Sure! The refund takes 3 days.')).toBe(false);
    expect(isRefusal(`${'x'.repeat(400)} I cannot help with that.`)).toBe(false);
  });

  it('tells valid JSON answers, with fences only when allowed', () => {
    expect(isValidJson(' {"a": [1, 2]} ')).toBe(true);
    expect(isValidJson('{"a": 1,}')).toBe(false);
    expect(isValidJson('')).toBe(false);
    const fenced = '```json\n{"a": 1}\n```';
    expect(isValidJson(fenced)).toBe(false);
    expect(isValidJson(fenced, { allowFences: true })).toBe(true);
  });
});

describe('repetition, centroids and quantiles', () => {
  it('scores consecutive outputs with the core ROUGE-L', () => {
    const outs = ['the cat sat on the mat', 'the cat is on the mat', 'a dog barked'];
    const expected = [
      (rouge(outs[1], outs[0]) as { value: { fmeasure: number } }).value.fmeasure,
      (rouge(outs[2], outs[1]) as { value: { fmeasure: number } }).value.fmeasure,
    ];
    expect(consecutiveRougeL(outs)).toEqual(expected);
    expect(expected[0]).toBeCloseTo(5 / 6, 15);
    expect(consecutiveRougeL(['one'])).toEqual([]);
  });

  it('matches numpy linear quantiles', () => {
    for (const c of golden.quantiles) {
      const sorted = [...c.lengths].sort((a: number, b: number) => a - b);
      [0.5, 0.9, 0.95, 0.99].forEach((q, i) => {
        expect(quantileLinear(sorted, q)).toBeCloseTo(c.q[i], 9);
      });
    }
  });

  it('matches numpy centroid cosines', () => {
    for (const c of golden.centroids) {
      const a = centroid(c.a);
      const b = centroid(c.b);
      expect(a).not.toBeNull();
      expect(centroidCosine(a as Float64Array, b as Float64Array)).toBeCloseTo(c.cosine, 12);
    }
    expect(centroid([])).toBeNull();
    expect(centroid([[1, 2], [1]])).toBeNull();
    expect(centroidCosine([0, 0], [1, 1])).toBeNull();
  });

  it('computes total variation distance', () => {
    expect(totalVariation({ en: 1 }, { en: 1 })).toBe(0);
    expect(totalVariation({ en: 1 }, { es: 1 })).toBe(1);
    expect(totalVariation({ en: 0.8, es: 0.2 }, { en: 0.5, fr: 0.5 })).toBeCloseTo(0.5, 15);
  });
});

describe('reference checks and review sampling', () => {
  const table = [
    { item: 'Pro plan', aliases: ['Pro tier'], price: 20 },
    { item: 'Basic plan', price: 9.99 },
  ];

  it('pairs each named item with the nearest amount in its sentence', () => {
    expect(
      checkPrices(
        'The Pro plan costs $25 per month. Basic plan is 9.99 USD! Our Enterprise plan is $1,200.',
        table,
      ),
    ).toEqual([
      { item: 'Pro plan', quoted: 25, expected: 20, correct: false },
      { item: 'Basic plan', quoted: 9.99, expected: 9.99, correct: true },
    ]);
    expect(checkPrices('The Pro tier is €20.00, the Basic plan $9.99.', table)).toEqual([
      { item: 'Pro plan', quoted: 20, expected: 20, correct: true },
      { item: 'Basic plan', quoted: 9.99, expected: 9.99, correct: true },
    ]);
    expect(checkPrices('The Pro plan is great.', table)).toEqual([]);
  });

  it('samples a stable share of outputs for review', () => {
    let picked = 0;
    for (let i = 0; i < 20_000; i++) if (selectedForReview(`gen-${i}`, 0.03)) picked++;
    // Binomial(20000, 0.03): mean 600, sd 24; 5 sd either side.
    expect(picked).toBeGreaterThan(480);
    expect(picked).toBeLessThan(720);
    expect(selectedForReview('gen-1', 0.03)).toBe(selectedForReview('gen-1', 0.03));
    expect(selectedForReview('x', 0)).toBe(false);
    expect(selectedForReview('x', 1)).toBe(true);
  });
});

describe('summarizeOutputs', () => {
  it('reports every series of a window against its baseline', () => {
    const s = summarizeOutputs(
      [
        { text: 'Your order is on the way and it will arrive today.', embedding: [1, 0] },
        { text: 'Your order is on the way and it will arrive today.', embedding: [1, 0] },
        { text: "I'm sorry, but I can't help with that.", embedding: [0, 1] },
        { text: 'Contact me at bob@example.com, you idiot.', embedding: [1, 1] },
      ],
      {
        baseline: { centroid: [1, 0], languageShares: { en: 1 } },
        blocklist: compileBlocklist(['idiot']),
        expectJson: true,
      },
    );
    expect(s.count).toBe(4);
    expect(s.refusalRate).toBe(0.25);
    expect(s.jsonValidRate).toBe(0);
    expect(s.safetyViolationRate).toBe(0.25);
    expect(s.violationsByKind).toEqual({ email: 1, blocklist: 1 });
    expect(s.repetitiveShare).toBeCloseTo(1 / 3, 15);
    expect(Array.from(s.centroid ?? [])).toEqual([0.75, 0.5]);
    expect(s.centroidCosine).toBeCloseTo(0.75 / Math.sqrt(0.75 ** 2 + 0.25), 15);
    expect(s.languageShares.en).toBeGreaterThan(0);
    expect(s.languageDrift).toBe(0);
  });

  it('gives no language drift when either side has no determined language', () => {
    const s = summarizeOutputs([{ text: 'OK' }, { text: '42' }], {
      baseline: { languageShares: { en: 1 } },
    });
    expect(s.languageShares).toEqual({ und: 1 });
    expect(s.languageDrift).toBeNull();
    const t = summarizeOutputs([{ text: 'Su pedido está en camino y llegará hoy a la tienda.' }], {
      baseline: { languageShares: { und: 1 } },
    });
    expect(t.languageDrift).toBeNull();
    const u = summarizeOutputs([{ text: 'Su pedido está en camino y llegará hoy a la tienda.' }], {
      baseline: { languageShares: { en: 0.5, und: 0.5 } },
    });
    expect(u.languageDrift).toBe(1);
  });

  it('gives nulls for an empty window', () => {
    const s = summarizeOutputs([]);
    expect(s).toMatchObject({
      count: 0,
      refusalRate: null,
      meanChars: null,
      repetitiveShare: null,
      centroidCosine: null,
      languageDrift: null,
    });
  });
});
