"""``make run-cluster``: several Rasa replicas behind nginx, on PostgreSQL and Redis.

One concern per module:

* ``debian``: where Debian's PostgreSQL, Redis and nginx binaries are;
* ``service``: a helper process started, probed and stopped the same way;
* ``postgres``, ``redis``, ``nginx``: the three, configured into build/cluster/;
* ``cluster``: the whole set (replicas through bot/serve/servers.py, one supervisor);
* ``run``: the command itself.

It may import ``bot.common``, ``bot.store``, ``bot.understanding``,
``bot.dialogue``, ``bot.replies``, ``bot.channels`` and ``bot.serve`` (it is
built on serve); no other bot package imports it.
"""
