"""The Queues and Hotline pages without Streamlit: what they show, computed from the rollups,
the queueing models behind counter planning and the staffing gap, and their figures."""
