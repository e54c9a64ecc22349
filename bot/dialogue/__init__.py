"""Deciding what to do with a message once it has been read.

The risk check's dialogue policy (``risk_policy``) and how it reads the
answer (``risk_answers``, ``risk_answers.yml``), whether a question about
therapy gets an answer and which (``knowledge``), the decision aid's weighing
(``decision_aid``, ``decision_aid.yml``) and the reading of a person's
alliance check-ins (``alliance_trend``). These modules name what to say (a
domain response, a topic, numbers), never the sentences. It may import
``bot.common`` and ``bot.understanding``; not replies, serve, channels or the
store (the actions read and write what is kept).
"""
