// Optional checks of the browser word rules (not run by Maven): node --test plugins/tag-match/src/test/js/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalise, tabooWords, problemWith } from '../../main/resources/web/tag-words.js';

test('normalises as the server does', () => {
  assert.equal(normalise('  Red \t  BICYCLE '), 'red bicycle');
  assert.equal(normalise('ｃａｔ'), 'cat');
  assert.equal(normalise('oﬃce'), 'office');
  assert.equal(normalise('stone\u00a0wall'), 'stone wall');
  assert.equal(normalise('ISTANBUL'), 'istanbul');
  assert.equal(normalise('   '), '');
});

test('accepts 64 characters and refuses 65, counting characters not UTF-16 units', () => {
  assert.equal(problemWith('b'.repeat(64)), null);
  assert.match(problemWith('b'.repeat(65)), /65 characters/);
  assert.equal(problemWith('🚲'.repeat(64)), null);
  assert.match(problemWith('🚲'.repeat(65)), /65 characters/);
});

test('refuses blanks, control and format characters, broken text and commas', () => {
  for (const word of ['', '   ', null]) assert.match(problemWith(word), /Type a word/);
  for (const word of ['red\nbike', 'red\tbike', 'zero\u200bwidth', 'rtl\u202Eeman', 'bike\u0000']) {
    assert.match(problemWith(word), /visible characters/, JSON.stringify(word));
  }
  assert.match(problemWith('bike\ud800'), /broken/);
  assert.match(problemWith('red, bike'), /no commas/);
});

test('refuses taboo words and repeats after normalisation', () => {
  const taboo = tabooWords('bicycle, Red Wall ,rain,,');
  assert.deepEqual(taboo, ['bicycle', 'red wall', 'rain']);
  for (const word of ['bicycle', 'BICYCLE', '  Bicycle ', 'red   wall', 'ｒａｉｎ']) {
    assert.match(problemWith(word, taboo), /taboo/, word);
  }
  assert.equal(problemWith('bike', taboo), null);
  assert.match(problemWith('Bike', taboo, ['bike']), /already typed/);
  assert.deepEqual(tabooWords(undefined), []);
  assert.deepEqual(tabooWords(['Bicycle', ' ']), ['bicycle']);
});
