"""Service stacks."""
from .monitoring_stack import MonitoringStack

__all__ = ["MonitoringStack"]
