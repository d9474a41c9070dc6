-- A typed word is stored once per round, item and player, so that a word sent again after its write timed out (and
-- then committed all the same) is not kept twice: it would count twice where a recorded partner is chosen (the round
-- with the most words).
delete from tag_word w using tag_word earlier
where w.round_id = earlier.round_id and w.item_id = earlier.item_id and w.player_id = earlier.player_id
  and w.word_key = earlier.word_key and w.id > earlier.id;
create unique index tag_word_once on tag_word (round_id, item_id, player_id, word_key);
