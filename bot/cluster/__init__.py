"""``make run-cluster``: several Rasa replicas behind nginx, on PostgreSQL and Redis.

One concern per module:

* ``debian``: where Debian's PostgreSQL, Redis and nginx binaries are;
* ``service``: a helper process started, probed and stopped the same way;
* ``postgres``, ``redis``, ``nginx``: the three, configured into build/cluster/;
* ``cluster``: the whole set (replicas through bot/servers.py, one supervisor);
* ``run``: the command itself.
"""
