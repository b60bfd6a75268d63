import React from 'react';
import locales from './locales';
import Organizations from './pages/Organizations';
import Consortia from './pages/Consortia';
import Invitations from './pages/Invitations';
import OrganizationDetail from './pages/OrganizationDetail';
import Nodes from './pages/Nodes';
import Channels from './pages/Channels';
import ChannelDetail from './pages/ChannelDetail';
import Explorer from './pages/Explorer';
import Notarization from './pages/Notarization';
import Assets from './pages/Assets';
import ChaincodeDeployments from './pages/ChaincodeDeployments';
import ChaincodeRepository from './pages/ChaincodeRepository';
import Audit from './pages/Audit';
import Notifications from './pages/Notifications';
import ConsortiumOverview from './pages/ConsortiumOverview';
import PlatformConsortia from './pages/PlatformConsortia';
import Applications from './pages/Applications';
import ApplicationDetail from './pages/ApplicationDetail';
import { PageBoundary } from './pages/parts';

// The module the console registers: react-router 6 routes (workspace pages nested under the
// console's workspace route), the menus of its navigation, and the words in both languages.
const WORKSPACE = '/workspaces/:workspace';
// A project: an organization's consortium namespace (<consortium>-<organization>).
const PROJECT = '/:workspace/clusters/:cluster/projects/:namespace';

export const routes = [
  // The platform's pages (platform admins), from the top bar.
  { path: '/ksbaas/consortia', element: <PageBoundary><PlatformConsortia /></PageBoundary> },
  { path: '/ksbaas/audit', element: <PageBoundary><Audit /></PageBoundary> },
  { parentRoute: WORKSPACE, path: `${WORKSPACE}/ksbaas/organizations`, element: <PageBoundary><Organizations /></PageBoundary> },
  { parentRoute: WORKSPACE, path: `${WORKSPACE}/ksbaas/organizations/:organization`, element: <PageBoundary><OrganizationDetail /></PageBoundary> },
  { parentRoute: WORKSPACE, path: `${WORKSPACE}/ksbaas/consortia`, element: <PageBoundary><Consortia /></PageBoundary> },
  { parentRoute: WORKSPACE, path: `${WORKSPACE}/ksbaas/consortia/:consortium`, element: <PageBoundary><ConsortiumOverview /></PageBoundary> },
  { parentRoute: WORKSPACE, path: `${WORKSPACE}/ksbaas/chaincodes`, element: <PageBoundary><ChaincodeRepository /></PageBoundary> },
  { parentRoute: WORKSPACE, path: `${WORKSPACE}/ksbaas/invitations`, element: <PageBoundary><Invitations /></PageBoundary> },
  { parentRoute: WORKSPACE, path: `${WORKSPACE}/ksbaas/notifications`, element: <PageBoundary><Notifications /></PageBoundary> },
  { parentRoute: WORKSPACE, path: `${WORKSPACE}/ksbaas/audit`, element: <PageBoundary><Audit /></PageBoundary> },
  { parentRoute: PROJECT, path: `${PROJECT}/ksbaas/nodes`, element: <PageBoundary><Nodes /></PageBoundary> },
  { parentRoute: PROJECT, path: `${PROJECT}/ksbaas/channels`, element: <PageBoundary><Channels /></PageBoundary> },
  { parentRoute: PROJECT, path: `${PROJECT}/ksbaas/channels/:channel`, element: <PageBoundary><ChannelDetail /></PageBoundary> },
  { parentRoute: PROJECT, path: `${PROJECT}/ksbaas/channels/:channel/explorer`, element: <PageBoundary><Explorer /></PageBoundary> },
  { parentRoute: PROJECT, path: `${PROJECT}/ksbaas/channels/:channel/notarization`, element: <PageBoundary><Notarization /></PageBoundary> },
  { parentRoute: PROJECT, path: `${PROJECT}/ksbaas/channels/:channel/assets`, element: <PageBoundary><Assets /></PageBoundary> },
  { parentRoute: PROJECT, path: `${PROJECT}/ksbaas/channels/:channel/chaincodes`, element: <PageBoundary><ChaincodeDeployments /></PageBoundary> },
  { parentRoute: PROJECT, path: `${PROJECT}/ksbaas/applications`, element: <PageBoundary><Applications /></PageBoundary> },
  { parentRoute: PROJECT, path: `${PROJECT}/ksbaas/applications/:application`, element: <PageBoundary><ApplicationDetail /></PageBoundary> },
];

export const menus = [
  {
    parent: 'topbar',
    name: 'ksbaas',
    link: '/ksbaas/consortia',
    title: 'BLOCKCHAIN',
    icon: 'blockchain',
    order: 0,
    desc: 'BLOCKCHAIN_DESC',
    authKey: 'consortia',
    authAction: 'view',
  },
  {
    parent: 'workspace',
    name: 'ksbaas',
    title: 'BLOCKCHAIN',
    icon: 'blockchain',
    order: 1,
    desc: 'BLOCKCHAIN_DESC',
    authKey: 'organizations',
    authAction: 'view',
    children: [
      { name: 'ksbaas/organizations', title: 'ORGANIZATIONS', authKey: 'organizations', authAction: 'view' },
      { name: 'ksbaas/consortia', title: 'CONSORTIA', authKey: 'consortia', authAction: 'view' },
      { name: 'ksbaas/invitations', title: 'INVITATIONS', authKey: 'invitations', authAction: 'view' },
      { name: 'ksbaas/chaincodes', title: 'CHAINCODE_REPOSITORY', authKey: 'chaincodepackages', authAction: 'view' },
      { name: 'ksbaas/notifications', title: 'NOTIFICATIONS', authKey: 'notifications', authAction: 'view' },
      { name: 'ksbaas/audit', title: 'AUDIT_LOG', authKey: 'auditlogs', authAction: 'view' },
    ],
  },
  {
    parent: 'project',
    name: 'ksbaas',
    title: 'BLOCKCHAIN',
    icon: 'blockchain',
    order: 1,
    authKey: 'peers',
    authAction: 'view',
    children: [
      { name: 'ksbaas/nodes', title: 'NODES', authKey: 'peers', authAction: 'view' },
      { name: 'ksbaas/channels', title: 'CHANNELS', authKey: 'channels', authAction: 'view' },
      { name: 'ksbaas/applications', title: 'APPLICATIONS', authKey: 'applications', authAction: 'view' },
    ],
  },
];

export default { routes, menus, locales };
