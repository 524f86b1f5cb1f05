"""What chat turns and generations share at run time: the bus channels they publish on,
their statuses, and the lease that says which replica runs each piece of work."""
