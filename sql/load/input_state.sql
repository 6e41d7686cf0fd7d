-- load input_state (grain: one input (file, URL or WARC record), as the last run that saw it left it)
-- the rows of every input this run saw replace that input's row; other inputs keep theirs.
delete from wh.input_state
where input_ref in (select input_ref from incoming_input_state);

insert into wh.input_state by name
with incoming as (
    select * from incoming_input_state
),

final as (
    select * from incoming
)

select * from final;
