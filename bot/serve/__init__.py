"""Running the assistant: the commands and the servers they start and keep up.

``cli`` is the ``alliance`` command; ``run`` (``make run``) and ``shell``
(``make shell``) start the action server and the Rasa server through
``servers``, with the credentials file ``credentials`` writes for the run;
``supervisor`` starts again a server that stops. It is the top of the
assistant: it may import ``bot.common``, ``bot.store``, ``bot.understanding``,
``bot.dialogue``, ``bot.replies`` and ``bot.channels``; only the cluster,
which is built on it, imports it.
"""
