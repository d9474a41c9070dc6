// Tag match words with no DOM code, so they can be checked with `node --test`. The rules mirror the
// server (TagMatch.java): the server has the last word; checking here first saves a round trip and lets
// the page answer at once.

export const MAX_TAG_LENGTH = 64;

/**
 * The form in which tags are compared: Unicode NFKC, lower case (String.prototype.toLowerCase is locale-
 * independent, like Java's Locale.ROOT), inner white space collapsed to one space, no outer space.
 */
export function normalise(tag) {
  return String(tag).normalize('NFKC').toLowerCase().normalize('NFKC').replace(/\s+/gu, ' ').trim();
}

/**
 * The taboo words of an item from its comma-separated `taboo` field (an array is taken as well),
 * normalised, without blanks.
 */
export function tabooWords(field) {
  const words = Array.isArray(field) ? field : typeof field === 'string' ? field.split(',') : [];
  return words.map(normalise).filter((word) => word.length > 0);
}

/**
 * Why `word` cannot be sent, or null when it can. `taboo` holds normalised taboo words, `typed` the
 * normalised words this player already sent for the item.
 */
export function problemWith(word, taboo = [], typed = []) {
  const tag = normalise(word ?? '');
  if (tag.length === 0) return 'Type a word first.';
  if (/[\p{Cc}\p{Cf}]/u.test(word)) return 'Only visible characters, please.';
  if (/\p{Cs}/u.test(word)) return 'That text is broken; please type it again.';
  if (word.includes(',')) return 'One word or phrase at a time: no commas.';
  const length = [...tag].length;
  if (length > MAX_TAG_LENGTH) return `That is ${length} characters; at most ${MAX_TAG_LENGTH}.`;
  if (taboo.includes(tag)) return `“${tag}” is taboo for this item: find another word.`;
  if (typed.includes(tag)) return `You already typed “${tag}”.`;
  return null;
}
