-- v_quotes
-- grain: one row per quote, i.e. per fact_claim row with claim_type = 'quote'.
-- columns:
--   claim_key           fact_claim.claim_key
--   claim_text          the quoted text, body_text at [char_start, char_end)
--   cue                 the attribution cue, e.g. said; null when none was found
--   speaker_entity_key  the speaker's dim_entity.entity_key; null when unattributed
--   speaker_name        the speaker's dim_entity.canonical_name; null when unattributed
--   article_key         the article the quote is in
--   title               dim_article.title (nullable)
--   url                 dim_article.url, the canonical url (nullable)
--   input_ref           dim_article.input_ref, the file path or url the article was read from
--   source_name         dim_source.name of the article's publisher
--   published_at        dim_article.published_at (nullable)
--   context_sentence    the paragraph around the quote: body_text from just after the last blank line
--                       ('\n\n') that ends at or before char_start (or from the start of the text) up to the
--                       first '\n\n' that begins at or after char_end (or the end of the text). a quote that
--                       spans paragraphs gets all the paragraphs it touches. offsets are 0-based characters
--                       (python str offsets); duckdb string functions are 1-based, hence the +1s below.
create or replace view v_quotes as

with claims as (
    select * from fact_claim
),

articles as (
    select * from dim_article
),

sources as (
    select * from dim_source
),

entities as (
    select * from dim_entity
),

quotes as (
    select * from claims
    where claim_type = 'quote'
),

-- r: 1-based position of the last '\n\n' in body_text[0:char_start], counted from the end of that prefix
--    ('\n\n' reads the same reversed); 0 when the prefix has no blank line.
-- p: 1-based position of the first '\n\n' in body_text[char_end:]; 0 when there is none.
break_positions as (
    select
        quotes.claim_key,
        quotes.char_start,
        quotes.char_end,
        articles.body_text,
        strpos(reverse(substr(articles.body_text, 1, quotes.char_start)), chr(10) || chr(10)) as r,
        strpos(substr(articles.body_text, quotes.char_end + 1), chr(10) || chr(10)) as p
    from quotes
    inner join articles on articles.article_key = quotes.article_key
),

-- paragraph_start / paragraph_end: 0-based, end exclusive.
paragraph_bounds as (
    select
        claim_key,
        body_text,
        case when r > 0 then char_start - r + 1 else 0 end as paragraph_start,
        case when p > 0 then char_end + p - 1 else length(body_text) end as paragraph_end
    from break_positions
),

contexts as (
    select
        claim_key,
        substr(body_text, paragraph_start + 1, paragraph_end - paragraph_start) as context_sentence
    from paragraph_bounds
),

final as (
    select
        quotes.claim_key,
        quotes.claim_text,
        quotes.cue,
        quotes.speaker_entity_key,
        entities.canonical_name as speaker_name,
        quotes.article_key,
        articles.title,
        articles.url,
        articles.input_ref,
        sources.name as source_name,
        articles.published_at,
        contexts.context_sentence
    from quotes
    left join articles on articles.article_key = quotes.article_key
    left join sources on sources.source_key = articles.source_key
    left join entities on entities.entity_key = quotes.speaker_entity_key
    left join contexts on contexts.claim_key = quotes.claim_key
)

select * from final
